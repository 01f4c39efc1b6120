using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Users.Tests.Http;

public sealed class ProfileTests(UsersFactory factory) : IClassFixture<UsersFactory>
{
    private readonly UsersDriver _users = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Me_shows_the_signed_in_user_with_a_utc_timestamp()
    {
        var session = await _users.NewCustomerAsync(UsersDriver.UniqueEmail("Me.Myself"), "Ann Me");

        var json = await (await session.Client.GetAsync(UsersDriver.Me, Ct)).ReadJsonElementAsync();

        json.GetProperty("id").GetGuid().ShouldBe(session.User.Id);
        json.GetProperty("email").GetString().ShouldBe(session.User.Email);
        json.GetProperty("name").GetString().ShouldBe("Ann Me");
        json.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["customer"]);
        json.GetProperty("createdAt").GetString()!.ShouldEndWith("Z");
        json.EnumerateObject().Select(p => p.Name).Order().ShouldBe(["blocked", "createdAt", "email", "id", "name", "roles"]);
    }

    [Fact]
    public async Task Registration_and_me_show_the_same_createdAt()
    {
        var email = UsersDriver.UniqueEmail();
        var registered = await (await _users.RegisterAsync(email)).ReadJsonElementAsync(HttpStatusCode.Created);
        var id = registered.GetProperty("id").GetGuid();
        var client = _users.NewClient(factory.TokenFor(id));

        var me = await (await client.GetAsync(UsersDriver.Me, Ct)).ReadJsonElementAsync();

        me.GetProperty("createdAt").GetString().ShouldBe(registered.GetProperty("createdAt").GetString());
    }

    [Fact]
    public async Task Changing_the_name_answers_200_and_is_kept()
    {
        var session = await _users.NewAccountAsync();

        var updated = await (await session.Client.PutAsJsonAsync(UsersDriver.Me, new { name = "  Ann Renamed " }, Ct)).ReadJsonAsync<UserDto>();

        updated.Name.ShouldBe("Ann Renamed");
        updated.Email.ShouldBe(session.User.Email);
        (await (await session.Client.GetAsync(UsersDriver.Me, Ct)).ReadJsonAsync<UserDto>()).Name.ShouldBe("Ann Renamed");
    }

    [Fact]
    public async Task Me_without_a_token_is_401_for_read_and_update()
    {
        await (await _users.Anonymous.GetAsync(UsersDriver.Me, Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await _users.Anonymous.PutAsJsonAsync(UsersDriver.Me, new { name = "Nobody" }, Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class AddressBookTests(UsersFactory factory) : IClassFixture<UsersFactory>
{
    private readonly UsersDriver _users = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_user_has_an_empty_address_book()
    {
        var session = await _users.NewAccountAsync();

        (await UsersDriver.ListAddressesAsync(session.Client)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Adding_an_address_answers_201_with_its_location_and_lists_it()
    {
        var session = await _users.NewAccountAsync();

        var response = await session.Client.PostAsJsonAsync(UsersDriver.Addresses,
            UsersDriver.AddressBody(line2: "Hinterhaus", region: "Berlin", country: "de"), Ct);

        var address = await response.ReadJsonAsync<AddressDto>(HttpStatusCode.Created);
        address.Country.ShouldBe("DE");
        address.Line2.ShouldBe("Hinterhaus");
        address.Region.ShouldBe("Berlin");
        address.Phone.ShouldBe("+49 30 1234567");
        response.Headers.Location!.OriginalString.ShouldBe($"/api/users/me/addresses/{address.Id}");
        (await UsersDriver.ListAddressesAsync(session.Client)).ShouldBe([address]);
    }

    [Fact]
    public async Task Optional_address_fields_may_be_left_out()
    {
        var session = await _users.NewAccountAsync();

        var address = await UsersDriver.AddAddressAsync(session.Client,
            new { fullName = "Bob", line1 = "1 Main St", city = "Springfield", postalCode = "12345", country = "US" });

        address.Line2.ShouldBeNull();
        address.Region.ShouldBeNull();
        address.Phone.ShouldBeNull();
    }

    [Fact]
    public async Task Addresses_are_listed_in_the_order_they_were_added()
    {
        var session = await _users.NewAccountAsync();
        var first = await UsersDriver.AddAddressAsync(session.Client, UsersDriver.AddressBody(fullName: "First"));
        var second = await UsersDriver.AddAddressAsync(session.Client, UsersDriver.AddressBody(fullName: "Second"));

        (await UsersDriver.ListAddressesAsync(session.Client)).Select(a => a.Id).ShouldBe([first.Id, second.Id]);
    }

    [Fact]
    public async Task Updating_an_address_replaces_it()
    {
        var session = await _users.NewAccountAsync();
        var address = await UsersDriver.AddAddressAsync(session.Client);

        var updated = await (await session.Client.PutAsJsonAsync($"{UsersDriver.Addresses}/{address.Id}",
            UsersDriver.AddressBody(fullName: "Ann New", city: "Paris", postalCode: "75001", country: "fr", phone: null), Ct)).ReadJsonAsync<AddressDto>();

        updated.ShouldBe(address with { FullName = "Ann New", City = "Paris", PostalCode = "75001", Country = "FR", Phone = null });
        (await UsersDriver.ListAddressesAsync(session.Client)).ShouldBe([updated]);
    }

    [Fact]
    public async Task Deleting_an_address_answers_204_and_removes_it()
    {
        var session = await _users.NewAccountAsync();
        var kept = await UsersDriver.AddAddressAsync(session.Client, UsersDriver.AddressBody(fullName: "Kept"));
        var address = await UsersDriver.AddAddressAsync(session.Client);

        await (await session.Client.DeleteAsync($"{UsersDriver.Addresses}/{address.Id}", Ct)).ExpectStatusAsync(HttpStatusCode.NoContent);

        (await UsersDriver.ListAddressesAsync(session.Client)).ShouldBe([kept]);
        await (await session.Client.DeleteAsync($"{UsersDriver.Addresses}/{address.Id}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_users_address_is_404_for_update_and_delete_and_stays_unchanged()
    {
        var owner = await _users.NewAccountAsync();
        var intruder = await _users.NewAccountAsync();
        var address = await UsersDriver.AddAddressAsync(owner.Client);

        var update = await intruder.Client.PutAsJsonAsync($"{UsersDriver.Addresses}/{address.Id}", UsersDriver.AddressBody(fullName: "Hijacked"), Ct);
        var delete = await intruder.Client.DeleteAsync($"{UsersDriver.Addresses}/{address.Id}", Ct);

        var updateProblem = await update.ReadProblemAsync(HttpStatusCode.NotFound);
        var deleteProblem = await delete.ReadProblemAsync(HttpStatusCode.NotFound);
        var unknown = await (await intruder.Client.DeleteAsync($"{UsersDriver.Addresses}/{Guid.NewGuid()}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        updateProblem.Code.ShouldBe(unknown.Code);
        deleteProblem.Detail.ShouldBe(unknown.Detail);
        (await UsersDriver.ListAddressesAsync(intruder.Client)).ShouldBeEmpty();
        (await UsersDriver.ListAddressesAsync(owner.Client)).ShouldBe([address]);
    }

    [Fact]
    public async Task Unknown_address_is_404_for_update()
    {
        var session = await _users.NewAccountAsync();

        var response = await session.Client.PutAsJsonAsync($"{UsersDriver.Addresses}/{Guid.NewGuid()}", UsersDriver.AddressBody(), Ct);

        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_address_book_holds_at_most_20_addresses()
    {
        var session = await _users.NewAccountAsync();
        for (var i = 0; i < 20; i++)
        {
            await UsersDriver.AddAddressAsync(session.Client, UsersDriver.AddressBody(fullName: $"Address {i}"));
        }

        var response = await session.Client.PostAsJsonAsync(UsersDriver.Addresses, UsersDriver.AddressBody(fullName: "One too many"), Ct);

        (await response.ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("users.address_book_full");
        (await UsersDriver.ListAddressesAsync(session.Client)).Count.ShouldBe(20);
    }

    [Fact]
    public async Task Address_book_endpoints_without_a_token_are_401()
    {
        var anonymous = _users.Anonymous;
        var id = Guid.NewGuid();

        await (await anonymous.GetAsync(UsersDriver.Addresses, Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync(UsersDriver.Addresses, UsersDriver.AddressBody(), Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PutAsJsonAsync($"{UsersDriver.Addresses}/{id}", UsersDriver.AddressBody(), Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.DeleteAsync($"{UsersDriver.Addresses}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Address_json_uses_the_contract_field_names()
    {
        var session = await _users.NewAccountAsync();
        await UsersDriver.AddAddressAsync(session.Client);

        var json = await (await session.Client.GetAsync(UsersDriver.Addresses, Ct)).ReadJsonElementAsync();

        json.ValueKind.ShouldBe(JsonValueKind.Array);
        json[0].EnumerateObject().Select(p => p.Name).Order()
            .ShouldBe(["city", "country", "fullName", "id", "line1", "line2", "phone", "postalCode", "region"]);
    }
}
