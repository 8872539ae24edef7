/**
 * Baselines in bounded memory: what a device did before ({@link org.lanternfish.baseline.NoveltySet}), how many
 * distinct devices did something ({@link org.lanternfish.baseline.DistinctCounter}), volumes per hour of day
 * ({@link org.lanternfish.baseline.HourlyVolume}), uncommon destinations and their regularity
 * ({@link org.lanternfish.baseline.DestinationSlots}) and DNS behaviour per domain
 * ({@link org.lanternfish.baseline.DnsSlots}). Each has a fixed cap and decays by forgetting the stalest entries.
 */
package org.lanternfish.baseline;
