/* Test-only stand-in for a NIC's permanent MAC address (tests/booted.rs).
 *
 * nm-cloud-setup 1.42.4 matches the metadata's MACs with each ethernet
 * device's *permanent* MAC address (nm_device_ethernet_get_permanent_hw_address
 * in src/nm-cloud-setup/main.c) and skips a device without one. The booted
 * guest's eth0 is a veth, which has none (the kernel keeps no permanent
 * address for it, so NetworkManager's PermHwAddress is empty); on an ECS
 * instance the virtio NIC's permanent MAC is its MAC. Preloaded into
 * nm-cloud-setup only (by the test's drop-in), this answers with the
 * device's current MAC instead; everything else is nm-cloud-setup's own. */
const char *nm_device_get_hw_address(void *device);

const char *nm_device_ethernet_get_permanent_hw_address(void *device)
{
    return nm_device_get_hw_address(device);
}
