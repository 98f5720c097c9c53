#!/usr/bin/env bash
# Ce que le système doit fournir, hors Python :
#   run  (make run)  : Pango pour WeasyPrint (PDF) et les polices DejaVu ;
#   test (make test) : en plus, Chromium de Debian à /usr/bin/chromium (tests dans le
#                      navigateur) et pdftotext (poppler-utils, relecture des PDF) ;
#   bench (make bench) : en plus, wrk (client HTTP de la mesure de charge, bench/load.py).
# Ce qui manque est installé avec apt-get quand le script tourne en root (comme en CI) ;
# sinon il s'arrête aussitôt en donnant la commande exacte à lancer.
# Usage : scripts/ensure-system-deps.sh [run|test|bench]   (test par défaut)
set -euo pipefail

profile="${1:-test}"
case "$profile" in
  run | test | bench) ;;
  *)
    echo "usage : $0 [run|test|bench]" >&2
    exit 2
    ;;
esac

# Surchargeables pour essayer le script sans rien désinstaller.
CHROMIUM="${PTCE_CHROMIUM:-/usr/bin/chromium}"
FONT="${PTCE_FONT:-/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf}"
PDFTOTEXT="${PTCE_PDFTOTEXT:-pdftotext}"
LDCONFIG="$(command -v ldconfig || echo /sbin/ldconfig)"

# grep reads everything (no -q): under pipefail an early exit would fail ldconfig on SIGPIPE.
has_library() { "$LDCONFIG" -p 2>/dev/null | grep "$1" >/dev/null; }

missing() {
  local packages=()
  has_library 'libpango-1\.0\.so' || packages+=(libpango-1.0-0)
  has_library 'libpangoft2-1\.0\.so' || packages+=(libpangoft2-1.0-0)
  [ -e "$FONT" ] || packages+=(fonts-dejavu-core)
  if [ "$profile" != run ]; then
    [ -x "$CHROMIUM" ] || packages+=(chromium)
    command -v "$PDFTOTEXT" >/dev/null || packages+=(poppler-utils)
  fi
  if [ "$profile" = bench ]; then
    command -v wrk >/dev/null || packages+=(wrk)
  fi
  echo "${packages[@]}"
}

read -r -a packages <<<"$(missing)"
[ "${#packages[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installation des paquets système manquants : ${packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  read -r -a packages <<<"$(missing)"
  if [ "${#packages[@]}" -eq 0 ]; then
    exit 0
  fi
  echo "Toujours absents après apt-get install : ${packages[*]}" >&2
  exit 1
fi

{
  echo "Il manque à ce système : ${packages[*]}."
  echo "Installez-les avec :"
  echo
  echo "    sudo apt-get install -y ${packages[*]}"
  echo
  echo "puis relancez « make $profile »."
} >&2
exit 1
