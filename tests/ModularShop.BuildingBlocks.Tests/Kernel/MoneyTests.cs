using CsCheck;
using ModularShop.BuildingBlocks.Kernel;
using Shouldly;
using Xunit;

namespace ModularShop.BuildingBlocks.Tests.Kernel;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("2.345", "2.35")] // half away from zero, not to even (banker's rounding would give 2.34)
    [InlineData("2.335", "2.34")]
    [InlineData("0.005", "0.01")]
    [InlineData("-0.005", "-0.01")]
    [InlineData("-2.345", "-2.35")]
    [InlineData("1.004999", "1.00")]
    [InlineData("19.99", "19.99")]
    public void Round_is_to_the_cent_half_away_from_zero(string amount, string expected) =>
        Money.Round(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), "USD").Amount
            .ShouldBe(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void An_amount_with_more_than_two_decimals_or_a_bad_currency_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Money.Of(1.005m, "USD"));
        Money.Of(Money.MaxAmount + 0.01m, "USD").IsStorable.ShouldBeFalse("computed totals may exceed what a column stores");
        Money.Of(Money.MaxAmount, "USD").Times(999).Amount.ShouldBe(Money.MaxAmount * 999);
        Should.Throw<ArgumentException>(() => Money.Of(1m, "usd"));
        Should.Throw<ArgumentException>(() => Money.Of(1m, "US"));
        Money.Of(1.5m, "EUR").ToString().ShouldBe("1.50 EUR");
    }

    [Fact]
    public void Currencies_do_not_mix()
    {
        var dollars = Money.Of(1m, "USD");
        var euros = Money.Of(1m, "EUR");

        Should.Throw<InvalidOperationException>(() => dollars + euros);
        Should.Throw<InvalidOperationException>(() => dollars - euros);
        Should.Throw<InvalidOperationException>(() => dollars < euros);
        Should.Throw<InvalidOperationException>(() => Money.Sum([dollars, euros], "USD"));
        dollars.ShouldNotBe(euros);
        Money.Of(19.9m, "USD").ShouldBe(Money.Of(19.90m, "USD"));
    }

    [Fact]
    public void Tax_rounded_per_line_then_summed_differs_from_rounding_the_sum_and_the_lines_are_what_counts()
    {
        // Three lines of 0.10 at 5 %: each line's tax is 0.005 → 0.01, so the shopper sees 0.01 three times and pays
        // 0.03 — not round(0.015) = 0.02, which would not be the sum of the lines shown.
        var lines = Enumerable.Repeat(Money.Of(0.10m, "USD"), 3).ToList();

        var taxPerLine = lines.Select(l => l.ApplyRate(0.05m)).ToList();
        var total = Money.Sum(taxPerLine, "USD");

        taxPerLine.ShouldAllBe(t => t.Amount == 0.01m);
        total.Amount.ShouldBe(0.03m);
        Money.Round(lines.Sum(l => l.Amount) * 0.05m, "USD").Amount.ShouldBe(0.02m);
    }

    [Fact]
    public void Lines_always_add_up_to_the_total_whatever_the_prices_quantities_and_rate()
    {
        var line = Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[1, 999]);
        Gen.Select(line.List[1, 30], Gen.Int[0, 25_000]).Sample((lines, basisPoints) =>
        {
            var rate = basisPoints / 100_000m; // 0 % … 25 % with three decimals, e.g. 8.875 %
            var subtotals = lines.Select(l => Money.Of(l.Item1 / 100m, "USD").Times(l.Item2)).ToList();
            var taxes = subtotals.Select(s => s.ApplyRate(rate)).ToList();

            var subtotal = Money.Sum(subtotals, "USD");
            var tax = Money.Sum(taxes, "USD");
            var total = subtotal + tax;

            // Every amount is exact to the cent, the total is the sum of what the lines show, and each line's tax is
            // within half a cent of the exact value.
            taxes.ShouldAllBe(t => Money.IsExact(t.Amount));
            total.Amount.ShouldBe(subtotals.Sum(s => s.Amount) + taxes.Sum(t => t.Amount));
            for (var i = 0; i < subtotals.Count; i++)
            {
                Math.Abs(taxes[i].Amount - (subtotals[i].Amount * rate)).ShouldBeLessThanOrEqualTo(0.005m);
            }

            // Order does not matter.
            Money.Sum(Enumerable.Reverse(taxes), "USD").ShouldBe(tax);
        });
    }

    [Fact]
    public void Times_is_exact_and_comparisons_follow_the_amount()
    {
        Money.Of(19.99m, "USD").Times(3).Amount.ShouldBe(59.97m);
        (Money.Of(1m, "USD") < Money.Of(1.01m, "USD")).ShouldBeTrue();
        Money.Min(Money.Of(2m, "USD"), Money.Of(1m, "USD")).Amount.ShouldBe(1m);
        (-Money.Of(1m, "USD")).IsNegative.ShouldBeTrue();
        Money.Zero("USD").IsZero.ShouldBeTrue();
    }
}
