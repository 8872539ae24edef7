/**
 * Models as data: definitions parsed from text ({@link org.lanternfish.model.ModelParser}), shipped in
 * {@code models/*.models} and overridable by user files the app reads from the data directory. A model listens to
 * one signal kind, tests its attributes, may require earlier signals on the same device ({@code after:}), and
 * carries a score, ATT&amp;CK techniques and an explanation template.
 */
package org.lanternfish.model;
