package org.lanternfish.simulate.organisation;

import java.util.List;

/**
 * One device of the simulated organisation and the parts of its pattern of life that stay fixed over the run.
 *
 * <p>The address changes when DHCP gives a client a new lease, so it is mutable; everything else is set when the
 * organisation is built.
 */
public final class Device {
  private final int index;
  private final String name;
  private final Role role;
  private final Site site;
  private final String mac;
  private final String user;
  private final double activity;
  private final int firstDay;
  private String ip;
  private String userAgent;
  private int browserMajor;
  private List<String> domains = List.of();
  private String homeIp;

  Device(int index, String name, Role role, Site site, String ip, String mac, String user, double activity,
      int firstDay) {
    this.index = index;
    this.name = name;
    this.role = role;
    this.site = site;
    this.ip = ip;
    this.mac = mac;
    this.user = user;
    this.activity = activity;
    this.firstDay = firstDay;
  }

  /** Position in the organisation's device list, a stable key. */
  public int index() {
    return index;
  }

  /** Host name without the domain, such as {@code WS-BER-0042}. */
  public String name() {
    return name;
  }

  /** What the device does. */
  public Role role() {
    return role;
  }

  /** The office the device belongs to. */
  public Site site() {
    return site;
  }

  /** The device's current IPv4 address. */
  public String ip() {
    return ip;
  }

  /** Gives the device a new address, as a new DHCP lease or a VPN session does. */
  public void ip(String address) {
    this.ip = address;
  }

  /** MAC address in Zeek's colon form. */
  public String mac() {
    return mac;
  }

  /** The person who works at this device, or null for servers. */
  public String user() {
    return user;
  }

  /** Heavy-tailed multiplier of the device's session rate: most devices are quiet, a few are busy. */
  public double activity() {
    return activity;
  }

  /** The day of the run on which the device first appears (a new employee's machine joins late). */
  public int firstDay() {
    return firstDay;
  }

  /** The browser's User-Agent header. */
  public String userAgent() {
    return userAgent;
  }

  /** The browser's major version, raised by software updates. */
  public int browserMajor() {
    return browserMajor;
  }

  /** Sets the browser version and its User-Agent header after an update. */
  public void browser(int major, String agent) {
    this.browserMajor = major;
    this.userAgent = agent;
  }

  /** The external domains this device's users visit, most popular first. */
  public List<String> domains() {
    return domains;
  }

  void domains(List<String> list) {
    this.domains = List.copyOf(list);
  }

  /** The home broadband address a laptop connects to the VPN from, or null. */
  public String homeIp() {
    return homeIp;
  }

  void homeIp(String address) {
    this.homeIp = address;
  }

  @Override
  public String toString() {
    return name + "/" + ip;
  }
}
