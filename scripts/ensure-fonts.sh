#!/usr/bin/env bash
# Installs the fonts the PDF reports embed and the charts draw with, when missing: Debian's Droid Sans Fallback
# (Chinese, TrueType outlines, which PDFsharp can embed; Noto CJK ships CFF outlines, which it cannot) and DejaVu Sans.
set -euo pipefail
cjk=/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf
latin=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
if [ -f "$cjk" ] && [ -f "$latin" ]; then exit 0; fi
echo "Installing Debian's fonts for the PDF reports..."
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq --no-install-recommends fonts-droid-fallback fonts-dejavu-core > /dev/null
