using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Users.Tests.Http;

/// <summary>Bad input answers 400 problem details naming the field, never a 500, and changes nothing.</summary>
public sealed class BadInputTests(UsersFactory factory) : IClassFixture<UsersFactory>
{
    private readonly UsersDriver _users = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> InvalidRegistrationFields => new()
    {
        // The property to change, the JSON value it gets, the field the answer must name.
        { "email", "\"not-an-email\"", "email" },
        { "email", "\"ann@localhost\"", "email" },
        { "email", "\"Ann <ann@example.com>\"", "email" },
        { "email", "\"\"", "email" },
        { "email", "null", "email" },
        { "email", "5", "email" },
        { "password", "\"abc1234\"", "password" },
        { "password", "\"onlyletters\"", "password" },
        { "password", "\"12345678\"", "password" },
        { "password", $"\"{new string('a', 128)}1\"", "password" },
        { "password", "12345678", "password" },
        { "password", "null", "password" },
        { "name", "\"   \"", "name" },
        { "name", $"\"{new string('n', 100_000)}\"", "name" },
        { "name", "[\"Ann\"]", "name" },
    };

    [Theory]
    [MemberData(nameof(InvalidRegistrationFields))]
    public async Task Invalid_registration_field_is_400_naming_the_field(string property, string json, string field)
    {
        var email = UsersDriver.UniqueEmail("bad");
        var body = new JsonObject { ["email"] = email, ["password"] = UsersDriver.Password, ["name"] = "Ann" };
        body[property] = JsonNode.Parse(json);

        var response = await _users.Anonymous.PostAsync(UsersDriver.Register, HttpResponseExtensions.RawJson(body.ToJsonString()), Ct);

        await ShouldNameAsync(response, field);
        if (property != "email")
        {
            // Nothing was created: the e-mail is still free.
            await (await _users.RegisterAsync(email)).ExpectStatusAsync(HttpStatusCode.Created);
        }
    }

    [Fact]
    public async Task A_129_character_password_is_refused_and_128_is_accepted()
    {
        var tooLong = await _users.RegisterAsync(UsersDriver.UniqueEmail(), new string('p', 128) + "1");
        var longest = await _users.RegisterAsync(UsersDriver.UniqueEmail(), new string('p', 127) + "1");

        (await ShouldNameAsync(tooLong, "password")).Errors["password"].ShouldContain(m => m.Contains("128", StringComparison.Ordinal));
        await longest.ExpectStatusAsync(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData(UsersDriver.Register)]
    [InlineData(UsersDriver.Login)]
    [InlineData(UsersDriver.Refresh)]
    public async Task Missing_body_is_400_naming_body(string path)
    {
        var response = await _users.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Post, path), Ct);

        await ShouldNameAsync(response, "body");
    }

    [Theory]
    [InlineData(UsersDriver.Register, "{\"email\": \"a@example.com\",")]
    [InlineData(UsersDriver.Register, "not json")]
    [InlineData(UsersDriver.Login, "{\"email\": \"a@example.com\" \"password\": \"x\"}")]
    [InlineData(UsersDriver.Login, "[]")]
    [InlineData(UsersDriver.Refresh, "{\"refreshToken\": }")]
    public async Task Malformed_json_is_400_problem_details(string path, string json)
    {
        var response = await _users.Anonymous.PostAsync(path, HttpResponseExtensions.RawJson(json), Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        problem.ContentType.ShouldBe(HttpResponseExtensions.ProblemJson);
        problem.Errors.ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData(UsersDriver.Login, "{\"email\": 42, \"password\": \"secret 1\"}", "email")]
    [InlineData(UsersDriver.Login, "{\"email\": \"a@example.com\", \"password\": true}", "password")]
    [InlineData(UsersDriver.Login, "{\"email\": \"a@example.com\"}", "password")]
    [InlineData(UsersDriver.Refresh, "{\"refreshToken\": {}}", "refreshToken")]
    [InlineData(UsersDriver.Refresh, "{\"refreshToken\": \"\"}", "refreshToken")]
    [InlineData(UsersDriver.Login, "{\"email\": \"a\\u0000@example.com\", \"password\": \"secret 1\"}", "email")]
    [InlineData(UsersDriver.Register, "{\"email\": \"nul@example.com\", \"password\": \"secret 1\", \"name\": \"A\\u0000B\"}", "name")]
    [InlineData(UsersDriver.Refresh, "{\"refreshToken\": \"abc\\u0000\"}", "refreshToken")]
    public async Task Wrong_or_missing_login_and_refresh_fields_are_400_naming_the_field(string path, string json, string field)
    {
        var response = await _users.Anonymous.PostAsync(path, HttpResponseExtensions.RawJson(json), Ct);

        await ShouldNameAsync(response, field);
    }

    [Theory]
    [InlineData("{\"name\": \"\"}", "name")]
    [InlineData("{\"name\": 7}", "name")]
    [InlineData("{}", "name")]
    [InlineData("", "body")]
    public async Task Invalid_profile_update_is_400_naming_the_field(string json, string field)
    {
        var account = await _users.NewAccountAsync();

        var response = await account.Client.PutAsync(UsersDriver.Me, HttpResponseExtensions.RawJson(json), Ct);

        await ShouldNameAsync(response, field);
    }

    [Fact]
    public async Task A_100000_character_name_is_400_naming_name_and_the_name_is_unchanged()
    {
        var account = await _users.NewAccountAsync(name: "Original Name");

        var response = await account.Client.PutAsJsonAsync(UsersDriver.Me, new { name = new string('n', 100_000) }, Ct);

        await ShouldNameAsync(response, "name");
        (await (await account.Client.GetAsync(UsersDriver.Me, Ct)).ReadJsonAsync<UserDto>()).Name.ShouldBe("Original Name");
    }

    public static TheoryData<string, string, string> InvalidAddressFields => new()
    {
        { "country", "\"XX\"", "country" },
        { "country", "\"DEU\"", "country" },
        { "country", "\"\"", "country" },
        { "country", "null", "country" },
        { "country", "49", "country" },
        { "fullName", $"\"{new string('f', 100_000)}\"", "fullName" },
        { "fullName", "\"  \"", "fullName" },
        { "line1", "null", "line1" },
        { "line2", $"\"{new string('l', 201)}\"", "line2" },
        { "city", "\"\"", "city" },
        { "postalCode", $"\"{new string('1', 21)}\"", "postalCode" },
        { "postalCode", "12345", "postalCode" },
        { "phone", "\"call me maybe\"", "phone" },
    };

    [Theory]
    [MemberData(nameof(InvalidAddressFields))]
    public async Task Invalid_address_field_is_400_naming_the_field_for_add_and_update(string property, string json, string field)
    {
        var account = await _users.NewAccountAsync();
        var existing = await UsersDriver.AddAddressAsync(account.Client);
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(UsersDriver.AddressBody(), HttpResponseExtensions.Json))!.AsObject();
        body[property] = JsonNode.Parse(json);

        var add = await account.Client.PostAsync(UsersDriver.Addresses, HttpResponseExtensions.RawJson(body.ToJsonString()), Ct);
        var update = await account.Client.PutAsync($"{UsersDriver.Addresses}/{existing.Id}", HttpResponseExtensions.RawJson(body.ToJsonString()), Ct);

        await ShouldNameAsync(add, field);
        await ShouldNameAsync(update, field);
        (await UsersDriver.ListAddressesAsync(account.Client)).ShouldBe([existing]);
    }

    [Fact]
    public async Task Lower_case_country_is_accepted_and_returned_upper_case()
    {
        var account = await _users.NewAccountAsync();

        var address = await UsersDriver.AddAddressAsync(account.Client, UsersDriver.AddressBody(country: "de"));

        address.Country.ShouldBe("DE");
        (await UsersDriver.ListAddressesAsync(account.Client)).Single().Country.ShouldBe("DE");
    }

    [Fact]
    public async Task Address_id_that_is_not_a_guid_is_not_routed()
    {
        var account = await _users.NewAccountAsync();

        var response = await account.Client.DeleteAsync($"{UsersDriver.Addresses}/not-a-guid", Ct);

        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task<Problem> ShouldNameAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        problem.ContentType.ShouldBe(HttpResponseExtensions.ProblemJson);
        problem.Status.ShouldBe(400);
        problem.Errors.Keys.ShouldContain(field, $"the answer named {string.Join(", ", problem.Errors.Keys)}: {problem.Json}");
        problem.Errors[field].ShouldNotBeEmpty();
        return problem;
    }
}
