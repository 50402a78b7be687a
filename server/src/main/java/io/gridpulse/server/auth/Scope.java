package io.gridpulse.server.auth;

/** What a key may do. Admin implies write, write implies read. */
public enum Scope {
    READ, WRITE, ADMIN;

    /** The scope named {@code read}, {@code write} or {@code admin} (any case), else an error naming the three. */
    public static Scope parse(String name) {
        for (Scope s : values()) {
            if (s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + name + "': read, write or admin");
    }

    public boolean allows(Scope needed) {
        return ordinal() >= needed.ordinal();
    }
}
