package org.lanternfish.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBWritableVector;

/**
 * Writes one chunk's values straight into a DuckDB output vector's memory, rows in order: each value with one put,
 * and the validity mask one word of 64 rows at a time.
 *
 * <p>The driver's own setters ({@code setLong}, {@code setNull}, ...) check the row and the type and read, change and
 * write back the row's validity word for every value. The feed of 1M conn events alone (a {@code count(*)} over it,
 * one DuckDB thread, medians of 15 passes, runs alternating on a 2-core machine) took 0.34 to 0.35 CPU seconds with
 * numbers, addresses and short texts written here against 0.48 through the setters (0.40 with numbers alone), and
 * {@code bench ingest}'s parse + store went from 0.88 to 0.92 of DuckDB's read_csv per wall second to 0.97 to 0.99
 * (3 rounds each, alternating; per CPU second from 0.92 to 0.95 to 1.03).
 *
 * <p>The driver keeps a vector's data and validity memory as private buffers, which it zeroes when it hands out the
 * vector ({@code duckdb_jdbc} 1.5); this class reads those two fields and fails at once, naming them, if a driver
 * version no longer has them ({@code VectorWriterTest} checks it against the one we ship). The layouts written are
 * DuckDB's C API ones ({@code duckdb.h}): values at their width, the validity mask as 64-bit words with bit {@code r % 64}
 * of word {@code r / 64} set for a valid row, and a text of at most 12 bytes inlined in its {@code duckdb_string_t}.
 */
final class VectorWriter {
  /** The longest text DuckDB keeps inside the vector rather than in its string heap. */
  static final int INLINE_TEXT_BYTES = 12;
  private static final int TEXT_WIDTH = 16;
  private static final VarHandle DATA;
  private static final VarHandle VALIDITY;

  static {
    try {
      MethodHandles.Lookup driver = MethodHandles.privateLookupIn(DuckDBWritableVector.class, MethodHandles.lookup());
      DATA = driver.findVarHandle(DuckDBWritableVector.class, "data", ByteBuffer.class);
      VALIDITY = driver.findVarHandle(DuckDBWritableVector.class, "validity", ByteBuffer.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError("this DuckDB JDBC driver's DuckDBWritableVector has no ByteBuffer fields"
          + " 'data' and 'validity', which the store's feed writes into: " + e);
    }
  }

  private final ByteBuffer data;
  private final ByteBuffer validity;
  /** The validity bits of the 64-row word being filled. */
  private long valid;

  /**
   * A writer for {@code vector}, which must be of {@code type}: the puts below have that type's width, and a buffer
   * of another width would take them without complaint (the driver's setters check the type on every value).
   */
  VectorWriter(DuckDBWritableVector vector, DuckDBColumnType type) {
    if (vector.getType() != type) {
      throw new IllegalStateException("a " + vector.getType() + " vector written as " + type);
    }
    this.data = (ByteBuffer) DATA.get(vector);
    this.validity = (ByteBuffer) VALIDITY.get(vector);
  }

  /** Sets a BIGINT row. */
  void setLong(int row, long value) {
    data.putLong(row << 3, value);
    // A long shift takes its distance modulo 64: the row's bit in its word.
    valid |= 1L << row;
  }

  /** Sets an INTEGER row. */
  void setInt(int row, int value) {
    data.putInt(row << 2, value);
    valid |= 1L << row;
  }

  /** Sets a DOUBLE row. */
  void setDouble(int row, double value) {
    data.putDouble(row << 3, value);
    valid |= 1L << row;
  }

  /** Sets a BOOLEAN row. */
  void setBoolean(int row, boolean value) {
    data.put(row, (byte) (value ? 1 : 0));
    valid |= 1L << row;
  }

  /** Sets a VARCHAR row to UTF-8 text of at most {@link #INLINE_TEXT_BYTES} bytes, zero-padded as DuckDB expects. */
  void setShortText(int row, byte[] utf8) {
    int at = row * TEXT_WIDTH;
    data.putInt(at, utf8.length);
    data.putLong(at + 4, 0);
    data.putInt(at + 12, 0);
    data.put(at + 4, utf8, 0, utf8.length);
    valid |= 1L << row;
  }

  /** Ends a row, set or left null (unset rows are null); call for every row in order. */
  void endRow(int row) {
    if ((row & 63) == 63) {
      validity.putLong((row >>> 6) << 3, valid);
      valid = 0;
    }
  }

  /** Writes the last validity word of a chunk of {@code count} rows. */
  void finish(int count) {
    if ((count & 63) != 0) {
      validity.putLong((count >>> 6) << 3, valid);
      valid = 0;
    }
  }
}
