#!/usr/bin/env bash
# Build the standalone SurveyDesk for Linux (PyInstaller, one folder) and smoke-test it.
#
#   packaging/build.sh [--smoke | --no-smoke | --smoke-only] [--python PYTHON] [--fresh]
#                      [--screenshot OUT.png]
#
# Creates (or reuses) its own virtual environment build/packaging-venv from PYTHON (default
# python3), installs SurveyDesk with the `build` extra (PyInstaller) into it, builds
# dist/SurveyDesk/ (executables surveydesk and surveydesk-cli) from packaging/surveydesk.spec,
# then runs packaging/smoke.py on the result (--smoke, the default). --no-smoke only builds;
# --smoke-only tests an existing dist/SurveyDesk. --fresh recreates the environment.
# --screenshot keeps the smoke test's picture of the main window. Exit code 0: built and
# every smoke check passed. See packaging/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=python3
VENV=build/packaging-venv
BUILD=1
SMOKE=1
FRESH=0
SCREENSHOT=()
while [ $# -gt 0 ]; do
    case "$1" in
        --smoke) SMOKE=1 ;;
        --no-smoke) SMOKE=0 ;;
        --smoke-only) BUILD=0; SMOKE=1 ;;
        --python) PYTHON="$2"; shift ;;
        --fresh) FRESH=1 ;;
        --screenshot) SCREENSHOT=(--screenshot "$2"); shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

started=$(date +%s)
export PIP_DISABLE_PIP_VERSION_CHECK=1

# Root on Debian/Ubuntu may install what is missing; anyone else gets told what to install.
apt_install() {
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
    else
        echo "please install: $*" >&2
        return 1
    fi
}

if [ "$BUILD" = 1 ]; then
    # PyInstaller reads shared-library dependencies with objdump (binutils).
    if ! command -v objdump >/dev/null 2>&1; then
        echo "objdump is missing; installing binutils"
        apt_install binutils
    fi
    # PyInstaller bundles libpython, so the interpreter must come with its shared library
    # (Debian: libpython3.X; pyenv: PYTHON_CONFIGURE_OPTS=--enable-shared).
    if ! "$PYTHON" - <<'PY'
import pathlib, sys, sysconfig
name = sysconfig.get_config_var("INSTSONAME") or sysconfig.get_config_var("LDLIBRARY") or ""
folders = [sysconfig.get_config_var("LIBDIR") or "", "/usr/lib/x86_64-linux-gnu",
           "/usr/lib/aarch64-linux-gnu", "/usr/lib"]
sys.exit(0 if name.endswith(".a") is False and any(
    (pathlib.Path(folder) / name).exists() for folder in folders if folder) else 1)
PY
    then
        version=$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
        echo "the shared library of Python $version is missing; installing libpython$version"
        apt_install "libpython$version"
    fi

    if [ "$FRESH" = 1 ]; then rm -rf "$VENV"; fi
    if [ ! -x "$VENV/bin/python" ]; then
        echo "== creating $VENV from $PYTHON"
        "$PYTHON" -m venv "$VENV"
    fi
    echo "== installing SurveyDesk and PyInstaller into $VENV"
    # Not editable: PyInstaller must find the package and its data as a wheel installs them.
    "$VENV/bin/pip" install -q ".[build]"
    "$VENV/bin/pip" install -q --force-reinstall --no-deps .
    echo "== building dist/SurveyDesk"
    "$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
        --distpath dist --workpath build/pyinstaller packaging/surveydesk.spec
    echo "built in $(( $(date +%s) - started )) s: dist/SurveyDesk is $(du -sh dist/SurveyDesk | cut -f1)"
fi

if [ "$SMOKE" = 1 ]; then
    echo "== smoke test of dist/SurveyDesk"
    smoke_python="$VENV/bin/python"
    [ -x "$smoke_python" ] || smoke_python="$PYTHON"
    "$smoke_python" packaging/smoke.py dist/SurveyDesk "${SCREENSHOT[@]}"
fi
echo "packaging/build.sh finished in $(( $(date +%s) - started )) s"
