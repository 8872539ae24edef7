package org.lanternfish.simulate.scenario;

/** An intrusion the simulator can inject into a day of normal traffic, recording each step as ground truth. */
public interface Scenario {

  /** A readable name, such as {@code ShadowPad}. */
  String name();

  /** Emits the scenario's records on the context's day, one recorded step at a time. */
  void inject(ScenarioContext context);
}
