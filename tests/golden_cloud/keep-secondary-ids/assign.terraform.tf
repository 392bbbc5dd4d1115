# alicloud provider. Merge these arguments into your existing resource:
# private_ip_addresses and secondary_private_ip_address_count exclude each other; set only the list.
provider "alicloud" {
  region = "cn-hangzhou"
}

# A secondary ENI must be bound to the instance first (the guide's step 2):
# alicloud_ecs_network_interface_attachment, or Bind to Instance in the console.
# To manage an existing ENI: terraform import alicloud_ecs_network_interface.this eni-bp1d66qjxb3qoin3xyz
resource "alicloud_ecs_network_interface" "this" {
  # ... the ENI's other arguments (vswitch_id, security_group_ids), unchanged
  primary_ip_address   = "192.168.1.201"
  private_ip_addresses = ["192.168.1.202", "192.168.1.203"]
}
