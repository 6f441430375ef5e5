# Sourced by the cross-check scripts (cross_check.sh, multi_cross_check.sh, csc1_cross_check.sh).
#
# cross_init LABEL SECONDS: makes $SCHEMEC absolute when it is a relative path (a bare name is left for a PATH
# lookup); when it is not executable, says so and ends the run as one failed case ("LABEL: 0 passed, 1
# failed", exit 1); sets $TIMEOUT to a `timeout SECONDS` prefix for each run when the command exists.
cross_init() {
  case "$SCHEMEC" in
    /*) ;;
    */*) SCHEMEC="$(pwd)/$SCHEMEC" ;;
  esac
  if [ ! -x "$SCHEMEC" ]; then
    echo "$1: schemec not found or not executable: $SCHEMEC" >&2
    echo "$1: 0 passed, 1 failed"
    exit 1
  fi
  TIMEOUT=""
  if command -v timeout >/dev/null 2>&1; then TIMEOUT="timeout $2"; fi
}
