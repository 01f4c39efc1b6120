using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using Shouldly;
using Xunit;

namespace ModularShop.BuildingBlocks.Tests.Web;

public sealed class ProblemsTests
{
    public static TheoryData<ErrorKind> EveryKind => [.. Enum.GetValues<ErrorKind>()];

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Every_error_kind_has_its_own_4xx_status_and_a_title(ErrorKind kind)
    {
        // A kind added without a status makes Problems.StatusOf throw: this test then fails for it.
        var status = Problems.StatusOf(kind);

        status.ShouldBeInRange(400, 499);
        Problems.TitleOf(status).ShouldNotBe("Error");
    }

    [Fact]
    public void No_two_error_kinds_share_a_status()
    {
        var statuses = Enum.GetValues<ErrorKind>().Select(Problems.StatusOf).ToList();

        statuses.Distinct().Count().ShouldBe(statuses.Count);
        Problems.StatusOf(ErrorKind.PaymentRequired).ShouldBe(StatusCodes.Status402PaymentRequired);
        Problems.StatusOf(ErrorKind.Unprocessable).ShouldBe(StatusCodes.Status422UnprocessableEntity);
    }

    [Fact]
    public void A_kind_without_a_status_throws_instead_of_becoming_a_500() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Problems.StatusOf((ErrorKind)999));

    [Fact]
    public void A_declined_payment_is_a_402_problem_with_the_providers_code()
    {
        var problem = Problems.From(Error.PaymentRequired("card_declined", "The card was declined."));

        problem.Status.ShouldBe(402);
        problem.Title.ShouldBe("Payment Required");
        problem.Detail.ShouldBe("The card was declined.");
        problem.Extensions["code"].ShouldBe("card_declined");
    }

    [Fact]
    public void A_validation_error_names_its_fields()
    {
        var problem = Problems.From(Error.Validation("variants[0].sku", "Must not be empty."));

        var validation = problem.ShouldBeOfType<HttpValidationProblemDetails>();
        validation.Status.ShouldBe(400);
        validation.Title.ShouldBe(Error.ValidationTitle);
        validation.Errors["variants[0].sku"].ShouldBe(["Must not be empty."]);
        validation.Extensions["code"].ShouldBe(Error.ValidationCode);
    }
}
