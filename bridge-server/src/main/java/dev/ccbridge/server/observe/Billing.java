package dev.ccbridge.server.observe;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What an exchange cost, as its upstream's adapter reported it ({@code credits}, {@code cost}, {@code currency};
 * JoyToken reports them from its billing metadata). A value that is not a number is left out rather than guessed.
 *
 * @param credits  the credits billed, or {@code null}
 * @param cost     the cost billed, or {@code null}
 * @param currency the cost's currency, or {@code null} when not reported
 */
public record Billing(BigDecimal credits, BigDecimal cost, String currency) {

    /**
     * @param report an adapter's report
     * @return the billing it holds
     */
    public static Billing of(Map<String, String> report) {
        return new Billing(decimal(report.get("credits")), decimal(report.get("cost")), report.get("currency"));
    }

    private static BigDecimal decimal(String value) {
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
