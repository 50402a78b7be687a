package io.gridpulse.server.auth;

/** What a key may do. Admin implies write, write implies read. */
public enum Scope {
    READ, WRITE, ADMIN;

    public boolean allows(Scope needed) {
        return ordinal() >= needed.ordinal();
    }
}
