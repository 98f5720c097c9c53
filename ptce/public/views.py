from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render


@login_not_required
def home(request):
    return render(request, "public/home.html")


@login_not_required
def map_view(request):
    return render(request, "public/map.html")


@login_not_required
def figures(request):
    return render(request, "public/figures.html")


@login_not_required
def guide(request, slug=None):
    return render(request, "public/guide.html")


@login_not_required
def accessibility(request):
    return render(request, "public/accessibility.html")


@login_not_required
def legal(request):
    return render(request, "public/legal.html")
