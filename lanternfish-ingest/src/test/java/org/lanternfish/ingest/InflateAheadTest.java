package org.lanternfish.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

/** Decompressing ahead of the reader hands over exactly what a plain gzip stream does, failures included. */
final class InflateAheadTest {
  private final Random random = new Random(7);

  @Test
  void wholeFile_readsTheSameBytesAsAPlainGzipStream_inReadsOfAnySize() throws IOException {
    for (int size : new int[] {0, 1, InflateAhead.BLOCK - 1, InflateAhead.BLOCK, 5 * InflateAhead.BLOCK + 17}) {
      byte[] text = text(size);
      byte[] gzip = gzip(text);
      try (InputStream in = new InflateAhead(new GZIPInputStream(new ByteArrayInputStream(gzip)))) {
        assertThat(readInRandomSteps(in)).as("%d bytes", size).isEqualTo(text);
        assertThat(in.read()).isEqualTo(-1);
      }
    }
  }

  @Test
  void cutFile_givesTheBytesBeforeTheCut_thenTheEofExceptionAPlainStreamThrows() throws IOException {
    byte[] gzip = gzip(text(7 * InflateAhead.BLOCK));
    byte[] cut = Arrays.copyOf(gzip, gzip.length / 2);
    Outcome plain = drain(new GZIPInputStream(new ByteArrayInputStream(cut)));
    Outcome ahead = drain(new InflateAhead(new GZIPInputStream(new ByteArrayInputStream(cut))));
    assertThat(plain.failure).isInstanceOf(EOFException.class);
    assertThat(ahead.failure).isInstanceOf(EOFException.class);
    assertThat(ahead.bytes).isNotEmpty().isEqualTo(plain.bytes);
  }

  @Test
  void damagedFile_givesTheBytesBeforeTheDamage_thenAZipException() throws IOException {
    byte[] gzip = gzip(text(7 * InflateAhead.BLOCK));
    for (int i = gzip.length / 2; i < gzip.length / 2 + 64; i++) {
      gzip[i] = (byte) 0xff;
    }
    Outcome plain = drain(new GZIPInputStream(new ByteArrayInputStream(gzip)));
    Outcome ahead = drain(new InflateAhead(new GZIPInputStream(new ByteArrayInputStream(gzip))));
    assertThat(plain.failure).isInstanceOf(ZipException.class);
    assertThat(ahead.failure).isInstanceOf(ZipException.class).hasMessage(plain.failure.getMessage());
    assertThat(ahead.bytes).isNotEmpty().isEqualTo(plain.bytes);
    assertThatThrownBy(ahead.stream::read).as("asked again").isInstanceOf(ZipException.class);
  }

  @Test
  void manyStreamsReadInTurns_eachGetsItsOwnBytes() throws IOException {
    int streams = 40;
    List<byte[]> texts = new ArrayList<>();
    List<InputStream> ins = new ArrayList<>();
    List<ByteArrayOutputStream> outs = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      byte[] text = text(random.nextInt(4 * InflateAhead.BLOCK));
      texts.add(text);
      ins.add(new InflateAhead(new GZIPInputStream(new ByteArrayInputStream(gzip(text)))));
      outs.add(new ByteArrayOutputStream());
    }
    boolean any = true;
    byte[] buffer = new byte[3000];
    while (any) {
      any = false;
      for (int i = 0; i < streams; i++) {
        int n = ins.get(i).read(buffer, 0, 1 + random.nextInt(buffer.length));
        if (n > 0) {
          outs.get(i).write(buffer, 0, n);
          any = true;
        }
      }
    }
    for (int i = 0; i < streams; i++) {
      ins.get(i).close();
      assertThat(outs.get(i).toByteArray()).as("stream %d", i).isEqualTo(texts.get(i));
    }
  }

  @Test
  void closedEarly_closesItsSource_andReadsNoMore() throws Exception {
    AtomicBoolean sourceClosed = new AtomicBoolean();
    InputStream source = new FilterInputStream(
        new GZIPInputStream(new ByteArrayInputStream(gzip(text(20 * InflateAhead.BLOCK))))) {
      @Override
      public void close() throws IOException {
        sourceClosed.set(true);
        super.close();
      }
    };
    InflateAhead in = new InflateAhead(source);
    assertThat(in.read(new byte[100])).isEqualTo(100);
    in.close();
    for (int i = 0; i < 200 && !sourceClosed.get(); i++) {
      Thread.sleep(10); // a block being inflated when the reader closed closes the source when it is done
    }
    assertThat(sourceClosed).isTrue();
    assertThatThrownBy(() -> in.read(new byte[100])).isInstanceOf(IOException.class).hasMessage("stream closed");
  }

  @Test
  void interruptedReader_getsAnInterruptedIoException_andKeepsItsInterrupt() throws Exception {
    // A source that answers only when the test lets it: the reader waits until interrupted.
    CountDownLatch answer = new CountDownLatch(1);
    InputStream slow = new InputStream() {
      @Override
      public int read() throws IOException {
        try {
          answer.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return -1;
      }
    };
    InflateAhead in = new InflateAhead(slow);
    try {
      Thread.currentThread().interrupt();
      assertThatThrownBy(in::read).isInstanceOf(InterruptedIOException.class);
      assertThat(Thread.interrupted()).isTrue();
    } finally {
      answer.countDown();
      in.close();
    }
  }

  private static final class Outcome {
    InputStream stream;
    byte[] bytes;
    IOException failure;
  }

  private static Outcome drain(InputStream in) {
    Outcome outcome = new Outcome();
    outcome.stream = in;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      outcome.failure = e;
    }
    outcome.bytes = out.toByteArray();
    return outcome;
  }

  private byte[] readInRandomSteps(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[3 * InflateAhead.BLOCK];
    while (true) {
      if (random.nextInt(10) == 0) {
        int b = in.read();
        if (b < 0) {
          return out.toByteArray();
        }
        out.write(b);
        continue;
      }
      int offset = random.nextInt(100);
      int n = in.read(buffer, offset, 1 + random.nextInt(buffer.length - 100));
      if (n < 0) {
        return out.toByteArray();
      }
      out.write(buffer, offset, n);
    }
  }

  /** Log-like text: compressible, but not a single repeated byte. */
  private byte[] text(int size) {
    byte[] text = new byte[size];
    for (int i = 0; i < size; i++) {
      text[i] = random.nextInt(20) == 0 ? (byte) '\n' : (byte) ('a' + random.nextInt(random.nextInt(26) + 1));
    }
    return text;
  }

  private static byte[] gzip(byte[] text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text);
    }
    return bytes.toByteArray();
  }
}
