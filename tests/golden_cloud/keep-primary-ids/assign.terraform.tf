# alicloud provider. Merge these arguments into your existing resource:
# private_ip_addresses and secondary_private_ip_address_count exclude each other; set only the list.
provider "alicloud" {
  region = "cn-hangzhou"
}

# The primary ENI's secondary IPs are an argument of the instance.
resource "alicloud_instance" "this" {
  # ... the instance's other arguments, unchanged
  private_ip            = "192.168.1.201"
  secondary_private_ips = ["192.168.1.202", "192.168.1.203"]
}
