package org.lanternfish.search;

import java.util.Map;
import org.lanternfish.event.LogType;

/**
 * One record found by Advanced Search.
 *
 * @param logType the log it came from
 * @param ts its event time in microseconds since the epoch
 * @param fields every field by Zeek name in record order, such as {@code id.orig_h}; times are {@link
 *     java.time.Instant}s, lists are {@link java.util.List}s, unset values are null
 */
public record SearchHit(LogType logType, long ts, Map<String, Object> fields) {}
