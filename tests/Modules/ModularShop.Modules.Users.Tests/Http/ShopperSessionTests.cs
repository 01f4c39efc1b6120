using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Users.Contracts;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Users.Tests.Http;

/// <summary>
/// Decision 0013: the storefront signs shoppers in through <see cref="IUsersApi"/> and keeps the session in its own
/// cookie. The session must be as real as a token's: the same password checks and lock-outs, and it ends for good on
/// sign-out or a block.
/// </summary>
public sealed class ShopperSessionTests(UsersFactory factory) : IClassFixture<UsersFactory>
{
    private readonly UsersDriver _users = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<T> UsersAsync<T>(Func<IUsersApi, Task<T>> call)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<IUsersApi>());
    }

    [Fact]
    public async Task A_sign_in_opens_a_session_that_holds_until_it_is_ended_and_then_never_again()
    {
        var user = await _users.RegisterUserAsync();

        var signedIn = await UsersAsync(api => api.SignInAsync(user.Email.ToUpperInvariant(), UsersDriver.Password, "203.0.113.7", Ct));
        var session = signedIn.Value;
        session.UserId.ShouldBe(user.Id);
        session.Name.ShouldBe(user.Name);
        session.ExpiresAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddDays(1));

        (await UsersAsync(api => api.ResumeSessionAsync(user.Id, session.SessionId, Ct)))!.Email.ShouldBe(user.Email);
        (await UsersAsync(api => api.ResumeSessionAsync(Guid.NewGuid(), session.SessionId, Ct))).ShouldBeNull(); // someone else's id
        (await UsersAsync(api => api.ResumeSessionAsync(user.Id, Guid.NewGuid(), Ct))).ShouldBeNull();

        // A second sign-in is a second session: ending one leaves the other.
        var other = (await UsersAsync(api => api.SignInAsync(user.Email, UsersDriver.Password, "203.0.113.7", Ct))).Value;
        await UsersAsync(async api => { await api.EndSessionAsync(user.Id, session.SessionId, Ct); return true; });
        (await UsersAsync(api => api.ResumeSessionAsync(user.Id, session.SessionId, Ct))).ShouldBeNull();
        (await UsersAsync(api => api.ResumeSessionAsync(user.Id, other.SessionId, Ct))).ShouldNotBeNull();

        // Ending it again changes nothing.
        await UsersAsync(async api => { await api.EndSessionAsync(user.Id, session.SessionId, Ct); return true; });
        (await UsersAsync(api => api.ResumeSessionAsync(user.Id, other.SessionId, Ct))).ShouldNotBeNull();
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_one_answer_and_empty_fields_name_the_field()
    {
        var user = await _users.RegisterUserAsync();

        var wrong = await UsersAsync(api => api.SignInAsync(user.Email, "not the password 1", "203.0.113.8", Ct));
        var unknown = await UsersAsync(api => api.SignInAsync(UsersDriver.UniqueEmail(), "not the password 1", "203.0.113.8", Ct));
        wrong.Error!.Kind.ShouldBe(ErrorKind.Unauthorized);
        unknown.Error!.ShouldBe(wrong.Error);

        var empty = await UsersAsync(api => api.SignInAsync("", null, "203.0.113.8", Ct));
        empty.Error!.Kind.ShouldBe(ErrorKind.Validation);
        empty.Error.Fields!.Keys.ShouldBe(["email", "password"], ignoreOrder: true);
    }

    [Fact]
    public async Task Storefront_sign_ins_count_toward_the_same_lock_out_as_the_REST_login()
    {
        var user = await _users.RegisterUserAsync();
        const string client = "198.51.100.23";
        for (var i = 0; i < 5; i++)
        {
            (await UsersAsync(api => api.SignInAsync(user.Email, $"wrong password {i}", client, Ct))).Error!.Kind.ShouldBe(ErrorKind.Unauthorized);
        }

        var locked = await UsersAsync(api => api.SignInAsync(user.Email, UsersDriver.Password, client, Ct));
        locked.Error!.Kind.ShouldBe(ErrorKind.TooManyRequests);
        locked.Error.RetryAfter.ShouldNotBeNull();

        // Another address (the owner at home) is not locked out.
        (await UsersAsync(api => api.SignInAsync(user.Email, UsersDriver.Password, "192.0.2.55", Ct))).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public async Task Blocking_a_user_ends_their_storefront_sessions_and_refuses_new_ones()
    {
        var user = await _users.RegisterUserAsync();
        var session = (await UsersAsync(api => api.SignInAsync(user.Email, UsersDriver.Password, "203.0.113.9", Ct))).Value;

        var admin = factory.CreateAdminClient();
        (await admin.PostAsync($"/api/admin/users/{user.Id}/block", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await UsersAsync(api => api.ResumeSessionAsync(user.Id, session.SessionId, Ct))).ShouldBeNull();
        (await UsersAsync(api => api.SignInAsync(user.Email, UsersDriver.Password, "203.0.113.9", Ct))).Error!.Kind.ShouldBe(ErrorKind.Forbidden);
    }

    [Fact]
    public async Task Registering_through_the_contract_applies_the_REST_rules_and_signs_the_new_customer_in()
    {
        var email = UsersDriver.UniqueEmail();
        var weak = await UsersAsync(api => api.RegisterAsync(email, "short", "Ann", Ct));
        weak.Error!.Fields!.Keys.ShouldContain("password");

        var registered = (await UsersAsync(api => api.RegisterAsync(email, UsersDriver.Password, "Ann Shopper", Ct))).Value;
        registered.Roles.ShouldBe(["customer"]);
        (await UsersAsync(api => api.ResumeSessionAsync(registered.UserId, registered.SessionId, Ct))).ShouldNotBeNull();

        // The same account signs in through the REST API with that password; a second registration is a conflict.
        (await _users.LoginAsync(email, UsersDriver.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await UsersAsync(api => api.RegisterAsync(email, UsersDriver.Password, "Ann Again", Ct))).Error!.Kind.ShouldBe(ErrorKind.Conflict);
    }

    [Fact]
    public async Task The_address_book_is_listed_for_its_owner_only()
    {
        var owner = await _users.NewCustomerAsync();
        (await owner.Client.PostAsync(UsersDriver.Addresses, HttpResponseExtensions.RawJson(
            """{"fullName":"Ann Example","line1":"1 Main St","city":"Springfield","postalCode":"12345","country":"US"}"""), Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var book = await UsersAsync(api => api.ListAddressesAsync(owner.User.Id, Ct));
        book.ShouldHaveSingleItem().City.ShouldBe("Springfield");
        (await UsersAsync(api => api.ListAddressesAsync(Guid.NewGuid(), Ct))).ShouldBeEmpty();
    }
}
