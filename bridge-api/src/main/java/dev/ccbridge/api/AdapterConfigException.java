package dev.ccbridge.api;

/**
 * A setting of an upstream is missing or invalid. The message names the upstream and the setting, and says what
 * to set; the bridge prints it and refuses to start.
 */
public class AdapterConfigException extends IllegalArgumentException {

    /**
     * @param message what is wrong and how to fix it
     */
    public AdapterConfigException(String message) {
        super(message);
    }
}
