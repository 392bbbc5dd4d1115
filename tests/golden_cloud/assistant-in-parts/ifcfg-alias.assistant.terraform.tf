# Not available for this script: Base64-encoded it is 45500 bytes, over the 16384 bytes Cloud Assistant accepts for a command. Run the script from the VNC console or over SSH instead.
