def dashboard_for_user(user):
    return {"roles": user.pole_roles.select_related("pole")}
