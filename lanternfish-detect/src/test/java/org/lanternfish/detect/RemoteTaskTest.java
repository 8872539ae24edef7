package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.lanternfish.breach.Breach;
import org.junit.jupiter.api.Test;

/** A task registered or run on another device through the task scheduler's RPC is remote execution (T1053). */
final class RemoteTaskTest {

  private static final String TASK = "scheduled-task-created-remotely";
  private static final String TARGET = "10.0.0.46";

  private static List<Breach> tasks(Traffic t, String device) {
    return Office.detect(t.events).stream().filter(b -> b.modelId().equals(TASK) && b.device().equals(device))
        .toList();
  }

  @Test
  void clientRegisteringATaskOnAnotherDevice_breachesAtAlertScore() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    t.rpc(Traffic.at(3, 10, 0), Office.client(4), TARGET, "ITaskSchedulerService", "SchRpcRegisterTask");
    t.rpc(Traffic.at(3, 10, 1), Office.client(4), TARGET, "ITaskSchedulerService", "SchRpcRun");
    assertThat(tasks(t, Office.client(4))).singleElement().satisfies(b -> {
      assertThat(b.score()).isGreaterThanOrEqualTo(60);
      assertThat(b.techniques()).contains("T1053.005");
    });
  }

  @Test
  void legacyAtServiceJob_breachesToo() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    t.rpc(Traffic.at(3, 10, 0), Office.client(5), TARGET, "atsvc", "NetrJobAdd");
    assertThat(tasks(t, Office.client(5))).hasSize(1);
  }

  @Test
  void onlyReadingTasks_staysQuiet() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    t.rpc(Traffic.at(3, 10, 0), Office.client(4), TARGET, "ITaskSchedulerService", "SchRpcEnumTasks");
    t.rpc(Traffic.at(3, 10, 1), Office.client(4), TARGET, "ITaskSchedulerService", "SchRpcGetTaskInfo");
    assertThat(tasks(t, Office.client(4))).isEmpty();
  }

  @Test
  void anAdminPushingTheSameTaskEveryDay_becomesRoutine() {
    Traffic t = new Traffic();
    Office.life(t, 0, 8);
    for (int day = 3; day < 8; day++) {
      t.rpc(Traffic.at(day, 2, 0), Office.ADMIN_WS, TARGET, "ITaskSchedulerService", "SchRpcRegisterTask");
    }
    assertThat(tasks(t, Office.ADMIN_WS)).as("the first two days, then routine").hasSize(2);
  }
}
