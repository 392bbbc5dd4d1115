# alicloud provider 1.144.0+: a new instance with the primary 192.168.1.201 and the secondaries,
# whose first boot configures them with the powershell all-in-one script (user_data: the user data
# above, Base64-encoded). The provider assigns secondary_private_ips once the instance runs;
# the first boot waits for them. The list is authoritative, as on an existing instance;
# a change of user_data or private_ip reboots the instance.

variable "image_id" {
  description = "The image to start from"
  type        = string
}

variable "security_group_id" {
  description = "The security group (sg-...)"
  type        = string
}

variable "vswitch_id" {
  description = "The vSwitch the addresses belong to (vsw-...)"
  type        = string
}

variable "instance_type" {
  description = "The instance type (ecs....)"
  type        = string
}

resource "alicloud_instance" "secondary_ip_wizard" {
  image_id              = var.image_id
  instance_type         = var.instance_type
  security_groups       = [var.security_group_id]
  vswitch_id            = var.vswitch_id
  private_ip            = "192.168.1.201"
  secondary_private_ips = ["192.168.1.202", "192.168.1.203"]
  user_data             = "<USER_DATA_BASE64>"
}
