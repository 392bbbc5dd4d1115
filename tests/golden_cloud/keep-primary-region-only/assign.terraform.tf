# alicloud provider. In your existing resource, set this one argument and change nothing else.
# secondary_private_ips and secondary_private_ip_address_count exclude each other; set only the list.
# The list is authoritative: it must hold every secondary the ENI should keep
# (the ones assigned before too); Terraform unassigns any address not in it.
# Then run `terraform plan` and check that it shows an in-place update (~) of
# alicloud_instance.this with only secondary_private_ips changing, never a replacement (-/+).

provider "alicloud" {
  region = "cn-hangzhou"
}

resource "alicloud_instance" "this" {
  # ... the instance's other arguments, unchanged
  secondary_private_ips = ["192.168.1.202", "192.168.1.203"]
}
