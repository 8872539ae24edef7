package org.lanternfish.simulate.eval;

/**
 * Pairwise quality of incident threading over breaches that cite scenario records.
 *
 * @param predictedPairs breach pairs put in the same incident, where at least one cites a scenario
 * @param truePairs pairs of breaches that cite the same scenario
 * @param correctPairs pairs that are both
 * @param precision correct over predicted, or null when nothing was threaded
 * @param recall correct over true, or null when no scenario has two breaches
 */
public record Threading(long predictedPairs, long truePairs, long correctPairs, Double precision, Double recall) {}
