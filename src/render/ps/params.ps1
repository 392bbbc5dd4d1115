param(
    # Keep the change without asking when the script's own checks pass.
    [switch]$Yes,
    # How long the change waits for yes before it takes itself back (seconds).
    [ValidateRange(10, 86400)][int]$Window = 120,
    # No safety net: no scheduled task that takes the change back.
    [switch]$NoRollback
)
