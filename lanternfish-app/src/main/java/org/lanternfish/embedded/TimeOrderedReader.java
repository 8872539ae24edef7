package org.lanternfish.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lanternfish.event.Event;
import org.lanternfish.ingest.IngestReport;
import org.lanternfish.ingest.InputKind;
import org.lanternfish.ingest.LogCursor;
import org.lanternfish.ingest.LogReader;
import org.lanternfish.ingest.Sources;
import org.lanternfish.ingest.Sources.Source;
import org.lanternfish.ingest.pcap.PcapImporter;
import org.lanternfish.ingest.pcap.PcapReport;

/**
 * Reads log files so that the events of different logs covering the same period reach detection interleaved in time
 * order: an SMB write in smb_files.log and the WMI call after it in dce_rpc.log arrive in the order they happened.
 *
 * <p>Files are grouped into periods (the files of one folder sharing a rotation stamp such as
 * {@code 13:00:00-14:00:00}, or all files of a folder without stamps); the files of a period are read in turns, a
 * few lines at a time on the calling thread, and merged by timestamp, periods one after another. Each file is
 * roughly in time order already (Zeek writes a connection when it ends), so the merge is by each file's current
 * head. Files of Defender alerts span the whole input rather than one period: they are read first and their alerts
 * merged into the stream by time.
 */
public final class TimeOrderedReader {
  /** The most files of one period open at once. */
  static final int MAX_OPEN_FILES = 256;
  private static final Pattern STAMP = Pattern.compile("\\.(\\d{2}[:_]\\d{2}[:_]\\d{2}-\\d{2}[:_]\\d{2}[:_]\\d{2})\\.");

  private TimeOrderedReader() {}

  /**
   * Reads every input (files or directories), in periods, merged by time, into {@code sink}. Folders and files that
   * cannot be read are reported in {@code report} with their path, and the rest is read.
   */
  public static void read(List<Path> inputs, Consumer<? super Event> sink, IngestReport report, FileListener listener) {
    read(inputs, Map.of(), sink, report, listener);
  }

  /**
   * {@link #read(List, Consumer, IngestReport, FileListener)} of logs some of which grew since a previous run stored
   * them: of a file in {@code storedLines}, only the lines after that many become events.
   */
  public static void read(List<Path> inputs, Map<Path, Long> storedLines, Consumer<? super Event> sink,
      IngestReport report, FileListener listener) {
    List<Event> alerts = new ArrayList<>();
    List<Path> alertFiles = new ArrayList<>();
    List<Source> rest = new ArrayList<>();
    for (Source source : Sources.find(inputs, report)) {
      if (source.kind() == InputKind.DEFENDER_ALERTS) {
        alertFiles.add(source.file());
        LogReader.readFile(source.file(), alerts::add, report);
        listener.fileDone(source.file(), size(source.file()));
      } else if (source.kind() == InputKind.SIMULATOR_TRUTH) {
        report.ignored(source.file().toString(), InputKind.TRUTH_REASON);
      } else {
        rest.add(source);
      }
    }
    AlertMerge merged = new AlertMerge(alerts, sink);
    for (List<Source> period : group(rest)) {
      readPeriod(period, storedLines, merged, report, listener);
      if (alertFiles.isEmpty()) {
        listener.periodDone(period.stream().map(Source::file).toList());
      }
    }
    merged.finish();
    if (!alertFiles.isEmpty()) {
      // Alerts go out across every period, so only the whole input is done at once.
      List<Path> all = new ArrayList<>(alertFiles);
      rest.forEach(source -> all.add(source.file()));
      listener.periodDone(all);
    }
  }

  /**
   * Puts integration alerts (Defender's, one file for the whole span, in no order) into the stream of logs by time:
   * each alert goes out just before the first log event that is not earlier than it.
   */
  private static final class AlertMerge implements Consumer<Event> {
    private final List<Event> alerts;
    private final Consumer<? super Event> sink;
    private int next;

    AlertMerge(List<Event> alerts, Consumer<? super Event> sink) {
      this.alerts = new ArrayList<>(alerts);
      this.alerts.sort(Comparator.comparingLong(Event::ts));
      this.sink = sink;
    }

    @Override
    public void accept(Event event) {
      while (next < alerts.size() && event.ts() != Event.NO_TIME && alerts.get(next).ts() <= event.ts()) {
        sink.accept(alerts.get(next++));
      }
      sink.accept(event);
    }

    void finish() {
      while (next < alerts.size()) {
        sink.accept(alerts.get(next++));
      }
    }
  }

  /** Told when a file has been read, so a progress bar can advance, and when a period's events are all out. */
  public interface FileListener {
    /** Called once per file after its last event was handed on. */
    void fileDone(Path file, long bytes);

    /**
     * Called when every event of {@code files} has been handed on and none of the files is read further, so what
     * came of them can be committed with a note that they are read (after each period; with integration alerts,
     * which are merged into every period, once for the whole input).
     */
    default void periodDone(List<Path> files) {}
  }

  /**
   * The files of the inputs grouped into periods: log files in the order {@link Sources#find} gives, then the packet
   * captures found in a directory, each a period of its own (tshark reads one at a time). Problems finding them are
   * reported when the inputs are {@link #read}.
   */
  public static List<List<Path>> periods(List<Path> inputs) {
    return group(Sources.find(inputs, new IngestReport())).stream()
        .map(period -> period.stream().map(Source::file).toList()).toList();
  }

  private static List<List<Source>> group(List<Source> sources) {
    Map<String, List<Source>> periods = new LinkedHashMap<>();
    for (Source source : sources) {
      Path file = source.file();
      Matcher stamp = STAMP.matcher(file.getFileName().toString());
      String key = source.kind() == InputKind.CAPTURE ? file.toAbsolutePath().toString()
          : file.toAbsolutePath().getParent() + "|" + (stamp.find() ? stamp.group(1) : "");
      periods.computeIfAbsent(key, k -> new ArrayList<>()).add(source);
    }
    List<List<Source>> bounded = new ArrayList<>();
    for (List<Source> period : periods.values()) {
      // Each file of a period is open while the period is merged; a folder of thousands of unstamped files is merged
      // in runs, so the process stays well under the usual limit of 1,024 open files.
      for (int from = 0; from < period.size(); from += MAX_OPEN_FILES) {
        bounded.add(period.subList(from, Math.min(period.size(), from + MAX_OPEN_FILES)));
      }
    }
    return bounded;
  }

  private static void readPeriod(List<Source> sources, Map<Path, Long> storedLines, Consumer<? super Event> sink,
      IngestReport report, FileListener listener) {
    if (sources.size() == 1) {
      read(sources.get(0), storedLines.getOrDefault(sources.get(0).file(), 0L), sink, report);
      listener.fileDone(sources.get(0).file(), size(sources.get(0).file()));
      return;
    }
    List<Feed> feeds = new ArrayList<>();
    try {
      for (Source source : sources) {
        feeds.add(new Feed(source.file(), storedLines.getOrDefault(source.file(), 0L), report.fresh(),
            feeds.size()));
      }
      merge(feeds, sink);
    } finally {
      feeds.forEach(Feed::close);
    }
    for (Feed feed : feeds) {
      report.merge(feed.report);
      listener.fileDone(feed.file, size(feed.file));
    }
  }

  /**
   * Merges the feeds by each one's current head: the earliest head goes out (ties by log type, then file order, so a
   * live follower that reads the same lines in another grouping orders them the same way), and so do the
   * events after it in the same file while they stay ahead of every other file's head, so most events cost one
   * comparison rather than a trip through a priority queue.
   */
  private static void merge(List<Feed> feeds, Consumer<? super Event> sink) {
    Feed[] live = new Feed[feeds.size()];
    int n = 0;
    for (Feed feed : feeds) {
      if (feed.advance()) {
        live[n++] = feed;
      }
    }
    while (n > 0) {
      int first = 0;
      for (int i = 1; i < n; i++) {
        if (live[i].before(live[first].ts, live[first].type, live[first].rank)) {
          first = i;
        }
      }
      long boundTs = Long.MAX_VALUE;
      int boundType = Integer.MAX_VALUE;
      int boundRank = Integer.MAX_VALUE;
      for (int i = 0; i < n; i++) {
        if (i != first && live[i].before(boundTs, boundType, boundRank)) {
          boundTs = live[i].ts;
          boundType = live[i].type;
          boundRank = live[i].rank;
        }
      }
      Feed feed = live[first];
      do {
        sink.accept(feed.head);
        if (!feed.advance()) {
          live[first] = live[--n];
          live[n] = null;
          break;
        }
      } while (feed.before(boundTs, boundType, boundRank));
    }
  }

  /**
   * Reads one file of any kind Lanternfish takes: a packet capture goes through tshark, anything else through the
   * log reader. A capture's events are counted in {@code report} like a log's; what tshark reported as damage is
   * recorded as the file's rejection reason, after keeping every event read before it.
   */
  public static void readFile(Path file, Consumer<? super Event> sink, IngestReport report) {
    read(new Source(file, InputKind.of(file)), 0, sink, report);
  }

  private static void read(Source source, long storedLines, Consumer<? super Event> sink, IngestReport report) {
    Path file = source.file();
    if (source.kind() != InputKind.CAPTURE) {
      LogReader.readFile(file, sink, report, storedLines);
      return;
    }
    report.fileRead();
    PcapReport capture = new PcapImporter().read(file, event -> {
      report.record(event.logType());
      sink.accept(event);
    });
    for (String error : capture.errors()) {
      report.rejected(file.toString(), error);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException gone) {
      return 0;
    }
  }

  /**
   * One file of a period, read a few lines at a time on the merging thread when its buffered events run out, so
   * events are made where they are consumed: handing them over from reader threads on other cores cost about a
   * third of the CPU time of reading them, in cache misses on every event.
   */
  private static final class Feed implements AutoCloseable {
    private static final int LINES = 64;
    private final Path file;
    private final IngestReport report;
    private final int rank;
    private final List<Event> buffer = new ArrayList<>();
    private final LogCursor cursor;
    private boolean more = true;
    private int next;
    /** The event at the head of the feed, and its time. */
    private Event head;
    private long ts;
    private int type;

    Feed(Path file, long storedLines, IngestReport report, int rank) {
      this.file = file;
      this.report = report;
      this.rank = rank;
      this.cursor = LogCursor.open(file, buffer::add, report, storedLines);
    }

    /** Moves to the feed's next event, reading more of the file when needed; false at the end of the file. */
    boolean advance() {
      while (next == buffer.size()) {
        buffer.clear();
        next = 0;
        if (!more) {
          head = null;
          return false;
        }
        more = cursor.read(LINES);
      }
      head = buffer.get(next++);
      ts = head.ts();
      type = head.logType().ordinal();
      return true;
    }

    /**
     * True when this feed's head goes out before a head at {@code otherTs} of log type {@code otherType} (ordinal)
     * of the feed ranked {@code otherRank}.
     */
    boolean before(long otherTs, int otherType, int otherRank) {
      return ts < otherTs || ts == otherTs && (type < otherType || type == otherType && rank < otherRank);
    }

    @Override
    public void close() {
      cursor.close();
    }
  }
}
