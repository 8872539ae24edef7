package org.lanternfish.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.lanternfish.respond.Action;
import org.lanternfish.respond.AuditEntry;
import org.lanternfish.respond.RespondState;
import org.lanternfish.respond.ResponseService;
import org.lanternfish.respond.ResponseSettings;
import org.lanternfish.store.DuckDbEventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanternfish actions}: RESPOND's ledger, and an analyst's confirmation, clearing or extension of an action. */
@Command(
    name = "actions",
    mixinStandardHelpOptions = true,
    description = {
      "List RESPOND's actions (what each stops, why, its state, start, expiry and audit trail), or confirm, clear or"
          + " extend one. Changes need the data directory to themselves: while 'serve' or 'ingest --follow' holds"
          + " it, make them through that process's REST API (/api/v1/actions)."
    },
    subcommands = {
      ActionsCommand.ListActions.class,
      ActionsCommand.Confirm.class,
      ActionsCommand.Clear.class,
      ActionsCommand.Extend.class
    })
final class ActionsCommand implements Callable<Integer> {

  @Mixin DataDirOption data;

  @Override
  public Integer call() {
    return new ListActions().list(data, false);
  }

  /** {@code actions list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List every action in the ledger.")
  static final class ListActions implements Callable<Integer> {
    @Option(names = "--json", description = "Print the actions as JSON, audit trails included.")
    boolean json;

    @Mixin DataDirOption data;

    @Override
    public Integer call() {
      return list(data, json);
    }

    int list(DataDirOption data, boolean asJson) {
      List<Action> actions;
      try (DuckDbEventStore store = data.openForReading()) {
        actions = store.state(RespondState.NAME).map(RespondState::decode).map(RespondState::actions)
            .orElse(List.of());
      }
      if (asJson) {
        System.out.println(Output.json(actions));
        return ExitCode.OK;
      }
      for (Action a : actions) {
        System.out.println(describe(a));
      }
      System.out.printf("%d action%s%n", actions.size(), actions.size() == 1 ? "" : "s");
      return ExitCode.OK;
    }
  }

  /** {@code actions confirm ID}. */
  @Command(name = "confirm", mixinStandardHelpOptions = true,
      description = "Enforce an action that waits for confirmation, for its full duration from now.")
  static final class Confirm implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The action, such as A-000001.")
    String id;

    @Option(names = "--as", paramLabel = "NAME", description = "Who confirms, for the audit trail (default: $USER).")
    String actor = System.getProperty("user.name");

    @Mixin DataDirOption data;

    @Override
    public Integer call() {
      return change(data, service -> service.confirm(id, "cli:" + actor));
    }
  }

  /** {@code actions clear ID}. */
  @Command(name = "clear", mixinStandardHelpOptions = true,
      description = "Lift an action now; the same action is not proposed again for the same breaches.")
  static final class Clear implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The action, such as A-000001.")
    String id;

    @Option(names = "--note", paramLabel = "TEXT", description = "Why, for the audit trail.")
    String note;

    @Option(names = "--as", paramLabel = "NAME", description = "Who clears, for the audit trail (default: $USER).")
    String actor = System.getProperty("user.name");

    @Mixin DataDirOption data;

    @Override
    public Integer call() {
      return change(data, service -> service.clear(id, "cli:" + actor, note));
    }
  }

  /** {@code actions extend ID --by 1h}. */
  @Command(name = "extend", mixinStandardHelpOptions = true, description = "Move an open action's expiry later.")
  static final class Extend implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The action, such as A-000001.")
    String id;

    @Option(names = "--by", paramLabel = "DURATION", required = true,
        description = "How much later, such as 30m, 2h or 1d.")
    String by;

    @Option(names = "--as", paramLabel = "NAME", description = "Who extends, for the audit trail (default: $USER).")
    String actor = System.getProperty("user.name");

    @Mixin DataDirOption data;

    @Override
    public Integer call() {
      long micros;
      try {
        micros = ResponseSettings.durationMicros(by);
      } catch (IllegalArgumentException e) {
        throw new CommandFailure(ExitCode.USAGE, "--by: " + e.getMessage());
      }
      return change(data, service -> service.extend(id, micros, "cli:" + actor));
    }
  }

  /** Makes one change through RESPOND over the store (its backends hear of it too) and prints the action. */
  private static int change(DataDirOption data, Function<ResponseService, Action> change) {
    try (DuckDbEventStore store = data.openForWriting();
        ResponseService service = Responding.open(store, data.dataDir, System.err)) {
      Action a;
      try {
        a = change.apply(service);
      } catch (IllegalArgumentException e) {
        throw new CommandFailure(ExitCode.INPUT, e.getMessage());
      } catch (IllegalStateException e) {
        throw new CommandFailure(ExitCode.USAGE, e.getMessage());
      }
      System.out.println(describe(a));
      return ExitCode.OK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure(ExitCode.INTERNAL, "interrupted");
    }
  }

  private static String describe(Action a) {
    StringBuilder s = new StringBuilder();
    s.append(String.format("%s  %-20s  %-16s  %s%n", a.id(), a.state().name().toLowerCase(Locale.ROOT),
        a.kind().name().toLowerCase(Locale.ROOT), a.target().describe()));
    s.append(String.format("          device %s, %s to %s, because of %s%n", a.target().device(),
        Output.isoTime(a.start()), Output.isoTime(a.expiry()), String.join(", ", a.reasons())));
    for (AuditEntry e : a.audit()) {
      s.append(String.format("          %s  %s  %s%s%n", Output.isoTime(e.ts()), e.actor(), e.change(),
          e.note() == null ? "" : " (" + e.note() + ")"));
    }
    return s.toString().stripTrailing();
  }
}
