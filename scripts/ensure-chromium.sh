#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing (no browser is ever downloaded by a test tool).
set -euo pipefail
if [ -n "${CRM_CHROMIUM:-}" ] && [ -x "$CRM_CHROMIUM" ]; then exit 0; fi
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "Installing Debian's chromium for the browser tests..."
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq --no-install-recommends chromium > /dev/null
