# alicloud provider. alicloud_instance's ipv6_addresses is ForceNew: setting it replaces the instance.
# Assign the IPv6 addresses with the aliyun CLI or in the console instead, and keep
# ipv6_addresses out of this resource.
