package dev.ccbridge.server.doctor;

/**
 * One thing {@code doctor} checked.
 *
 * @param severity how much it matters
 * @param code     a stable name for the check, e.g. {@code api-key-set}, printed so it can be looked up
 * @param text     what was found
 * @param fix      what to do, or {@code null} when nothing needs doing
 */
public record Finding(Severity severity, String code, String text, String fix) {

    static Finding ok(String code, String text) {
        return new Finding(Severity.OK, code, text, null);
    }

    static Finding note(String code, String text, String fix) {
        return new Finding(Severity.NOTE, code, text, fix);
    }

    static Finding warning(String code, String text, String fix) {
        return new Finding(Severity.WARNING, code, text, fix);
    }

    static Finding error(String code, String text, String fix) {
        return new Finding(Severity.ERROR, code, text, fix);
    }
}
