package org.lanternfish.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.Event;

/**
 * Parsers share their address and symbol tables with the other parsers of the thread that reads: a parser that
 * began a file on one thread and goes on reading it on another (as a live tail hands files to a scheduler) must
 * take that thread's tables, never share one table across threads.
 */
final class ParserThreadsTest {
  private static final String HEADER = """
      #separator \\x09
      #set_separator\t,
      #empty_field\t(empty)
      #unset_field\t-
      #path\tconn
      #fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tconn_state
      #types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring
      """;
  private static final int LINES = 40_000;

  /** A file of one reader: its header and the lines of a seed, whose values are a function of the seed and line. */
  private static final class File {
    final List<Event> events = new ArrayList<>();
    final LogParser parser = new LogParser("conn.log", events::add, new IngestReport());
    final int seed;
    long number;

    File(int seed) {
      this.seed = seed;
      for (String line : HEADER.split("\n")) {
        accept(line);
      }
    }

    private void accept(String line) {
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      parser.acceptLine(bytes, 0, bytes.length, ++number);
    }

    /** Reads lines {@code from} to {@code to}; returns those read wrong. */
    List<String> read(int from, int to) {
      List<String> wrong = new ArrayList<>();
      for (int i = from; i < to; i++) {
        // Mostly new values, so the tables keep storing (where threads sharing one would trip over each other).
        String orig = "10." + seed + "." + (i / 256 % 256) + "." + (i % 256);
        String resp = "172." + (16 + seed) + "." + (i % 250) + "." + (i / 250 % 256);
        String state = "S" + seed + "-" + (i % 5000);
        accept((1_700_000_000 + i) + ".5\tC" + i + "\t" + orig + "\t1000\t" + resp + "\t445\ttcp\t" + state);
        ConnEvent c = (ConnEvent) events.get(events.size() - 1);
        if (!c.id().origHost().equals(orig) || !c.id().respHost().equals(resp) || !c.connState().equals(state)) {
          wrong.add("line " + i + " read as " + c.id().origHost() + " " + c.id().respHost() + " " + c.connState());
        }
      }
      return wrong;
    }
  }

  @Test
  void filesBegunOnOneThreadAndFinishedOnOthers_readEveryValueRight() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<List<String>>> runs = new ArrayList<>();
      List<File> files = new ArrayList<>();
      for (int seed = 1; seed <= 3; seed++) {
        File file = new File(seed);
        assertThat(file.read(0, 100)).isEmpty(); // begun here, on the test's thread
        files.add(file);
      }
      for (File file : files) {
        runs.add(pool.submit(() -> file.read(100, LINES))); // finished on pool threads, side by side
      }
      File own = new File(99); // meanwhile the first thread reads a file of its own
      assertThat(own.read(0, LINES)).isEmpty();
      for (Future<List<String>> run : runs) {
        assertThat(run.get()).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
