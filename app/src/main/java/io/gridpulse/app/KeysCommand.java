package io.gridpulse.app;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.MeterId;
import io.gridpulse.core.NotFoundException;
import io.gridpulse.core.TenantId;
import io.gridpulse.server.auth.ApiKeys;
import io.gridpulse.server.auth.ApiKeys.KeyInfo;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.store.ReadingStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gridpulse keys create|list|revoke}: API keys in the storage folder, with the server
 * stopped: an install's first keys of a new tenant, or keys after the admin key is lost. A running
 * server does the same over the API ({@code POST /api/v1/keys}; other tenants' by an admin key of
 * the default tenant).
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Make, list and revoke API keys in the storage folder (the server stopped); a new tenant starts here.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {
    private static final String WHILE_SERVING = "ask the running server with an admin key: GET|POST /api/v1/keys";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Where the keys are and whose. */
    static final class Target {
        @Option(names = "--data", defaultValue = "gridpulse-data", description = "Storage folder (default: ${DEFAULT-VALUE}).")
        Path data;

        @Option(names = "--tenant", defaultValue = "default", description = "Tenant: [a-z0-9_-]{1,64} (default: ${DEFAULT-VALUE}).")
        String tenant;

        ReadingStore open(boolean create) {
            return create ? OfflineStore.open(data, WHILE_SERVING) : OfflineStore.openExisting(data, WHILE_SERVING);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Make a key and print it (shown only now).")
    static final class Create implements Callable<Integer> {
        @Mixin
        Target target = new Target();

        @Option(names = "--scope", defaultValue = "admin", description = "read | write | admin (default: ${DEFAULT-VALUE}).")
        String scope;

        @Option(names = "--name", defaultValue = "", description = "What the key is for, e.g. 'billing system'.")
        String name;

        @Option(names = "--meter", description = "Bind the key to this meter (read or write): it sees and posts that meter only.")
        String meter;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            TenantId tenant = new TenantId(target.tenant);
            Scope parsed;
            try {
                parsed = Scope.parse(scope);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("scope", e.getMessage() + " (--scope)");
            }
            if (meter != null && parsed == Scope.ADMIN) {
                throw new InvalidInputException("scope", "a key bound to one meter may be read or write, not admin (--scope)");
            }
            try (ReadingStore store = target.open(true)) {
                ApiKeys.IssuedKey issued = new ApiKeys(store.metadata())
                        .create(tenant, parsed, name, meter == null ? null : new MeterId(meter), System.currentTimeMillis());
                PrintWriter out = spec.commandLine().getOut();
                out.println(issued.key());
                spec.commandLine().getErr().println("made " + describe(issued.info()) + " in " + target.data
                        + " (shown only now; revoke with: gridpulse keys revoke " + issued.info().id() + " --tenant " + tenant + ")");
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a tenant's keys (never the keys themselves).")
    static final class ListKeys implements Callable<Integer> {
        @Mixin
        Target target = new Target();

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (ReadingStore store = target.open(false)) {
                List<KeyInfo> keys = new ApiKeys(store.metadata()).list(new TenantId(target.tenant));
                PrintWriter out = spec.commandLine().getOut();
                keys.forEach(k -> out.println(describe(k)));
                if (keys.isEmpty()) {
                    spec.commandLine().getErr().println("no keys in tenant '" + target.tenant + "' of " + target.data);
                }
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key by the id 'list' shows.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        Target target = new Target();

        @Parameters(index = "0", description = "The key's id.")
        String id;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (ReadingStore store = target.open(false)) {
                if (!new ApiKeys(store.metadata()).revoke(new TenantId(target.tenant), id)) {
                    throw new NotFoundException("no key '" + id + "' in tenant '" + target.tenant + "' (gridpulse keys list)");
                }
                spec.commandLine().getErr().println("revoked " + id);
            }
            return 0;
        }
    }

    /** One line: id, scope, meter, name, when made. */
    static String describe(KeyInfo k) {
        return k.id() + "  " + k.tenant() + "  " + k.scope().name().toLowerCase(Locale.ROOT)
                + (k.meter() == null ? "" : "  meter=" + k.meter().value())
                + (k.name().isEmpty() ? "" : "  \"" + k.name() + "\"")
                + (k.createdMs() == 0 ? "" : "  made " + Instant.ofEpochMilli(k.createdMs()));
    }
}
