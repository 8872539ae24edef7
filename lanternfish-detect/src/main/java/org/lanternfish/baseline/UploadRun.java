package org.lanternfish.baseline;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A device's latest run of consecutive clock hours in which it sent far more outside the network than its usual for
 * the hour, with what it sent and received in them: slow exfiltration spreads a few GB over many hours and many
 * destinations, so no single hour or destination stands out, but the run does. The caller says which hours are
 * unusual (against its {@link HourlyVolume}); the run keeps the totals of the open hour and of the run's hours.
 */
public final class UploadRun {

  private long hour = Long.MIN_VALUE;
  private long hourSent;
  private long hourReceived;
  private long first = Long.MIN_VALUE;
  private long last = Long.MIN_VALUE;
  private long runSent;
  private long runReceived;
  private boolean reported;

  /** Adds one connection's bytes in clock hour {@code h}; a late record counts in the open hour. */
  public void add(long h, long sent, long received) {
    if (h > hour) {
      closeHour();
      hour = h;
      hourSent = 0;
      hourReceived = 0;
    }
    hourSent += Math.max(0, sent);
    hourReceived += Math.max(0, received);
  }

  private void closeHour() {
    if (last == hour && hour != Long.MIN_VALUE) {
      runSent += hourSent;
      runReceived += hourReceived;
    }
  }

  /** Marks the open hour unusual: it joins the run when the hour before it was in the run, else starts a new run. */
  public void unusual() {
    if (last == hour) {
      return;
    }
    if (last == Long.MIN_VALUE || last != hour - 1) {
      first = hour;
      runSent = 0;
      runReceived = 0;
      reported = false;
    }
    last = hour;
  }

  /** Clock hours in the run, 0 when the open hour is not part of one. */
  public int hours() {
    return last == hour && last != Long.MIN_VALUE ? (int) (last - first + 1) : 0;
  }

  /** Bytes sent in the run's hours, the open one so far included. */
  public long sent() {
    return runSent + (last == hour ? hourSent : 0);
  }

  /** Bytes received in the run's hours, the open one so far included. */
  public long received() {
    return runReceived + (last == hour ? hourReceived : 0);
  }

  /** True the first time it is asked for a run, so each run is reported once. */
  public boolean report() {
    if (reported) {
      return false;
    }
    reported = true;
    return true;
  }

  /** Writes the run in the snapshot format. */
  public void write(DataOutput out) throws IOException {
    out.writeLong(hour);
    out.writeLong(hourSent);
    out.writeLong(hourReceived);
    out.writeLong(first);
    out.writeLong(last);
    out.writeLong(runSent);
    out.writeLong(runReceived);
    out.writeBoolean(reported);
  }

  /** Reads a run written by {@link #write}. */
  public static UploadRun read(DataInput in) throws IOException {
    UploadRun r = new UploadRun();
    r.hour = in.readLong();
    r.hourSent = in.readLong();
    r.hourReceived = in.readLong();
    r.first = in.readLong();
    r.last = in.readLong();
    r.runSent = in.readLong();
    r.runReceived = in.readLong();
    r.reported = in.readBoolean();
    return r;
  }
}
