package org.lanternfish.simulate.eval;

/**
 * How one scenario step fared.
 *
 * @param name the step's name from the truth
 * @param technique its ATT&CK technique
 * @param detected true when a breach cited one of its records inside its time window
 * @param timeToDetectSeconds seconds from the step's start to the first such breach, or null when missed
 * @param breaches breaches that cite the step's records, in its window or not
 */
public record StepScore(
    String name, String technique, boolean detected, Double timeToDetectSeconds, int breaches) {}
