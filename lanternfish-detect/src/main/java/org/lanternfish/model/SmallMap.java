package org.lanternfish.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A few named values in the order they were first set, in two arrays. A signal carries about twenty attributes and
 * is usually judged and dropped within microseconds, so a hash map's table and entry objects cost more than they
 * save; names are mostly string constants, which are found by reference before any characters are compared.
 */
final class SmallMap<V> {
  private String[] keys;
  private Object[] values;
  private int size;

  SmallMap(int capacity) {
    keys = new String[capacity];
    values = new Object[capacity];
  }

  private int indexOf(String key) {
    String[] k = keys;
    for (int i = 0; i < size; i++) {
      if (k[i] == key) {
        return i;
      }
    }
    for (int i = 0; i < size; i++) {
      if (k[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @SuppressWarnings("unchecked")
  V get(String key) {
    int i = indexOf(key);
    return i < 0 ? null : (V) values[i];
  }

  boolean containsKey(String key) {
    return indexOf(key) >= 0;
  }

  /** Sets a value, keeping the name's first position when it was set before. */
  void put(String key, V value) {
    int i = indexOf(key);
    if (i >= 0) {
      values[i] = value;
      return;
    }
    append(key, value);
  }

  void putIfAbsent(String key, V value) {
    if (indexOf(key) < 0) {
      append(key, value);
    }
  }

  void clear() {
    Arrays.fill(keys, 0, size, null);
    Arrays.fill(values, 0, size, null);
    size = 0;
  }

  int size() {
    return size;
  }

  String key(int i) {
    return keys[i];
  }

  @SuppressWarnings("unchecked")
  V value(int i) {
    return (V) values[i];
  }

  private void append(String key, V value) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    keys[size] = key;
    values[size++] = value;
  }

  /** A read-only copy in insertion order, for explanations and breaches (made when one is raised, not per signal). */
  Map<String, V> toMap() {
    Map<String, V> map = new LinkedHashMap<>(size * 2);
    for (int i = 0; i < size; i++) {
      map.put(keys[i], value(i));
    }
    return Collections.unmodifiableMap(map);
  }
}
