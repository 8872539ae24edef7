package org.lanternfish.flink;

/**
 * What a keyed detection instance tells the AI Analyst: a breach (as JSON), that it settled an epoch (every breach
 * of the epoch's events and signals sent), or that it finished the input.
 */
public final class Finding {
  /** {@link #breach} holds a breach. */
  public static final int BREACH = 0;
  /** Instance {@link #instance} settled epoch {@link #epoch}, which ends at {@link #end}. */
  public static final int SETTLED = 1;
  /** Instance {@link #instance} has nothing more: its input ended and its last epoch settled. */
  public static final int FINISHED = 2;

  public int kind;
  public int instance;
  public long epoch;
  public long end;
  public String breach;

  /** For Flink's POJO serializer. */
  public Finding() {}

  static Finding breach(String json) {
    Finding f = new Finding();
    f.kind = BREACH;
    f.breach = json;
    return f;
  }

  static Finding progress(int kind, int instance, long epoch, long end) {
    Finding f = new Finding();
    f.kind = kind;
    f.instance = instance;
    f.epoch = epoch;
    f.end = end;
    return f;
  }
}
