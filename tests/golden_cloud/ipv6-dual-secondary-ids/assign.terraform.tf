# alicloud provider. In your existing resource, set these arguments and change nothing else.
# private_ip_addresses and secondary_private_ip_address_count exclude each other; set only the list.
# ipv6_addresses (provider 1.193.0+) and ipv6_address_count exclude each other; set only the list.
# The lists are authoritative: they must hold every address the ENI should keep
# (the ones assigned before too); Terraform unassigns any address not in it.
# Then run `terraform plan` and check that it shows an in-place update (~) of
# alicloud_ecs_network_interface.this with only private_ip_addresses and ipv6_addresses changing, never a replacement (-/+).

provider "alicloud" {
  region = "cn-hangzhou"
}

# A secondary ENI must be bound to the instance first (the guide's step 2):
# alicloud_ecs_network_interface_attachment, or Bind to Instance in the console.
# To manage an existing ENI: terraform import alicloud_ecs_network_interface.this eni-bp1d66qjxb3qoin3xyz
resource "alicloud_ecs_network_interface" "this" {
  # ... the ENI's other arguments, unchanged
  private_ip_addresses = ["192.168.1.202", "192.168.1.203"]
  ipv6_addresses       = ["2408:4005:3cd:7d00::10", "2408:4005:3cd:7d00::a", "2408:4005:3cd:7d00::b"]
}
