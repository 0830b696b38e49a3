package dev.ccbridge.server;

/** The bridge's version, from the jar manifest. */
public final class Version {

    private Version() {
    }

    /**
     * @return the version, or {@code dev} when run from classes
     */
    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
