using System.Net;
using System.Net.Http.Json;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Users.Tests.Http;

public sealed class RegistrationTests(UsersFactory factory) : IClassFixture<UsersFactory>
{
    private readonly UsersDriver _users = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Registering_creates_a_customer_and_answers_201_with_the_account()
    {
        var email = UsersDriver.UniqueEmail("Ann.Register");

        var response = await _users.RegisterAsync(email, name: "  Ann Example  ");

        var user = await response.ReadJsonAsync<UserDto>(HttpStatusCode.Created);
        user.Id.ShouldNotBe(Guid.Empty);
        user.Email.ShouldBe(email);
        user.Name.ShouldBe("Ann Example");
        user.Roles.ShouldBe(["customer"]);
        user.CreatedAt.ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        response.Headers.Location.ShouldNotBeNull();
        response.Headers.Location.OriginalString.ShouldBe("/api/users/me");
    }

    [Fact]
    public async Task Registering_with_roles_admin_still_makes_a_customer_who_is_refused_on_admin_endpoints()
    {
        var email = UsersDriver.UniqueEmail("sneaky");

        var response = await _users.Anonymous.PostAsJsonAsync(UsersDriver.Register,
            new { email, password = UsersDriver.Password, name = "Sneaky", roles = new[] { "admin" } }, Ct);

        (await response.ReadJsonAsync<UserDto>(HttpStatusCode.Created)).Roles.ShouldBe(["customer"]);
        var tokens = await _users.SignInAsync(email);
        UsersDriver.RolesIn(tokens.AccessToken).ShouldBe(["customer"]);
        var client = _users.NewClient(tokens.AccessToken);
        await (await client.GetAsync(UsersDriver.AdminUsers, Ct)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PutAsJsonAsync($"{UsersDriver.AdminUsers}/{Guid.NewGuid()}/roles", new { roles = new[] { "admin" } }, Ct))
            .ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Registering_an_email_that_exists_in_another_letter_case_is_409()
    {
        var email = UsersDriver.UniqueEmail("case");
        await _users.RegisterUserAsync(email.ToLowerInvariant());

        var response = await _users.RegisterAsync("  " + email.ToUpperInvariant() + " ");

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
        problem.ContentType.ShouldBe(HttpResponseExtensions.ProblemJson);
        problem.Code.ShouldBe("users.email_taken");
    }

    [Fact]
    public async Task The_same_email_registered_five_times_at_once_creates_exactly_one_account()
    {
        var email = UsersDriver.UniqueEmail("race");

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => _users.RegisterAsync(email, name: $"Racer {i}")));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        statuses.Count(s => s == HttpStatusCode.Created).ShouldBe(1, string.Join(", ", statuses));
        statuses.Count(s => s == HttpStatusCode.Conflict).ShouldBe(4, string.Join(", ", statuses));
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            (await conflict.ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("users.email_taken");
        }

        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.Created).ReadJsonAsync<UserDto>(HttpStatusCode.Created);
        var tokens = await _users.SignInAsync(email);
        var me = await (await _users.NewClient(tokens.AccessToken).GetAsync(UsersDriver.Me, Ct)).ReadJsonAsync<UserDto>();
        me.Id.ShouldBe(winner.Id);
    }
}
