package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.Event;
import org.junit.jupiter.api.Test;

/**
 * An administrative action a device repeats across many peers on several days (an admin workstation creating
 * services on a few servers every Monday) breaches the first day, so an analyst sees it, and is routine on the days
 * that repeat it, whichever peers they touch; a new credential, a new hour or a domain controller as a first target
 * is news, and a device that never did it still breaches on every peer.
 */
final class FleetHabitTest {

  private static final String SERVICE = "service-created-remotely";
  private static final long MONDAY = Traffic.at(3, 9, 20);
  private static final long NEXT_MONDAY = Traffic.at(10, 9, 20);

  /** Services created by {@code device} under {@code credential} on each of {@code peers}, a minute apart. */
  private static void createServices(Traffic t, long from, String device, String credential, String... peers) {
    long ts = from;
    for (String peer : peers) {
      t.kerberos(ts, device, Office.DC1, credential, true);
      t.rpc(ts + Traffic.SECOND, device, peer, "svcctl", "CreateServiceW");
      ts += Traffic.MINUTE;
    }
  }

  /** The admin workstation's first Monday: services on three servers. */
  private static Traffic firstMonday() {
    Traffic t = new Traffic();
    Office.life(t, 0, 12);
    createServices(t, MONDAY, Office.ADMIN_WS, "adm-ops", Office.FS, Office.INTRANET, Office.client(20));
    return t;
  }

  private static List<Breach> services(Traffic t, String device, long from) {
    List<Event> events = t.events.stream().sorted(Comparator.comparingLong(Event::ts)).toList();
    return Office.detect(events).stream()
        .filter(b -> b.modelId().equals(SERVICE) && b.device().equals(device) && b.ts() >= from).toList();
  }

  @Test
  void weeklyServiceCreation_breachesTheFirstWeek_andIsRoutineOnOtherServersTheNext() {
    Traffic t = firstMonday();
    createServices(t, NEXT_MONDAY, Office.ADMIN_WS, "adm-ops", Office.client(17), Office.client(18),
        Office.client(19));
    assertThat(services(t, Office.ADMIN_WS, MONDAY)).as("the first Monday's three servers, one breach each")
        .extracting(Breach::ts).allMatch(ts -> ts < NEXT_MONDAY).hasSize(3);
  }

  @Test
  void weeklyServiceCreation_underANewCredential_breaches() {
    Traffic t = firstMonday();
    createServices(t, NEXT_MONDAY, Office.ADMIN_WS, "adm-stolen", Office.client(17), Office.client(18));
    assertThat(services(t, Office.ADMIN_WS, NEXT_MONDAY)).isNotEmpty()
        .allSatisfy(b -> assertThat(b.entities()).containsEntry("credential", "adm-stolen"));
  }

  @Test
  void weeklyServiceCreation_atANewHour_breaches() {
    Traffic t = firstMonday();
    long night = Traffic.at(10, 2, 40);
    createServices(t, night, Office.ADMIN_WS, "adm-ops", Office.client(17), Office.client(18));
    assertThat(services(t, Office.ADMIN_WS, night)).hasSize(2);
  }

  @Test
  void weeklyServiceCreation_onADomainControllerForTheFirstTime_breaches() {
    Traffic t = firstMonday();
    createServices(t, NEXT_MONDAY, Office.ADMIN_WS, "adm-ops", Office.DC2);
    assertThat(services(t, Office.ADMIN_WS, NEXT_MONDAY)).singleElement()
        .satisfies(b -> assertThat(b.peerValue()).isEqualTo(Office.DC2));
  }

  @Test
  void aClientThatNeverCreatedServices_breachesOnEveryPeer() {
    Traffic t = firstMonday();
    createServices(t, NEXT_MONDAY, Office.client(12), "adm-ops", Office.client(3), Office.client(4),
        Office.client(5), Office.client(6));
    assertThat(services(t, Office.client(12), NEXT_MONDAY)).hasSize(4)
        .allSatisfy(b -> assertThat(b.score()).isGreaterThanOrEqualTo(60));
  }

  @Test
  void habitual_needsAnEarlierOccasionWithSeveralPeersAtThatHourAndCredential() {
    Campaigns.Campaign c = new Campaigns().of(7, MONDAY);
    c.fire(MONDAY, 1, 42, false, 0, null, Traffic.HOUR);
    assertThat(c.habitual(NEXT_MONDAY, 42, false)).as("one peer: a new one is news").isFalse();
    c.fire(MONDAY + Traffic.MINUTE, 2, 42, false, 0, null, Traffic.HOUR);
    assertThat(c.habitual(MONDAY + 2 * Traffic.MINUTE, 42, false)).as("the same morning").isFalse();
    assertThat(c.habitual(NEXT_MONDAY, 42, false)).isTrue();
    assertThat(c.habitual(NEXT_MONDAY, 43, false)).as("another credential").isFalse();
    assertThat(c.habitual(NEXT_MONDAY + 3 * Traffic.HOUR, 42, false)).as("another hour").isFalse();
    assertThat(c.habitual(NEXT_MONDAY, 42, true)).as("a first domain controller").isFalse();
  }
}
