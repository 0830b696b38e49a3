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

    /** Digits, and places of the exponent, an amount may have: more than any bill needs, few enough to add up. */
    private static final int MAX_DIGITS = 34;

    /**
     * @param report an adapter's report
     * @return the billing it holds
     */
    public static Billing of(Map<String, String> report) {
        return new Billing(decimal(report.get("credits")), decimal(report.get("cost")), report.get("currency"));
    }

    /**
     * @param amount an amount as reported or as read back
     * @return it, or {@code null} when it is no real amount: one like {@code 1e300000000} would make every later sum
     *         with it a number of hundreds of millions of digits
     */
    static BigDecimal bounded(BigDecimal amount) {
        return amount == null || amount.precision() > MAX_DIGITS || Math.abs(amount.scale()) > MAX_DIGITS ? null
                : amount;
    }

    private static BigDecimal decimal(String value) {
        if (value == null) {
            return null;
        }
        try {
            return bounded(new BigDecimal(value.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
