/**
 * Devices: stable identity behind addresses (DHCP leases, host names), roles, and the operator's description of the
 * network ({@link org.lanternfish.device.DeviceConfig}).
 */
package org.lanternfish.device;
