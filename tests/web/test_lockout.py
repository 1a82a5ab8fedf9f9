"""django-axes locks a username out from one client's address, read through the trusted
proxies in front of the app servers: nobody can lock an editor out from elsewhere, nor
pick the address they are locked out from (issue 12, item 9)."""

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory

from videos.web.client_address import client_address

pytestmark = pytest.mark.django_db

BALANCER = "10.0.0.2"
PASSWORD = "the-right-password-1"


def request_from(remote_addr, forwarded=None):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/admin/login/", **headers)


@pytest.mark.parametrize(
    "proxies, remote_addr, forwarded, client",
    [
        (0, "203.0.113.9", None, "203.0.113.9"),
        (0, "203.0.113.9", "198.51.100.1", "203.0.113.9"),  # no proxy: header ignored
        (1, BALANCER, "203.0.113.9", "203.0.113.9"),
        (1, BALANCER, "198.51.100.1, 203.0.113.9", "203.0.113.9"),  # forged entry
        (2, BALANCER, "198.51.100.1, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (2, BALANCER, "203.0.113.9", BALANCER),  # fewer hops than proxies
        (1, BALANCER, None, BALANCER),
        (1, "2001:db8::2", "2001:db8::9", "2001:db8::9"),
    ],
)
def test_the_client_is_as_many_hops_from_the_right_as_there_are_proxies(
    settings, proxies, remote_addr, forwarded, client
):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(request_from(remote_addr, forwarded)) == client


def test_axes_reads_the_address_this_way_and_locks_by_user_and_address(settings):
    assert (
        settings.AXES_CLIENT_IP_CALLABLE == "videos.web.client_address.client_address"
    )
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


@pytest.fixture
def behind_a_balancer(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    User.objects.create_user("ed", password=PASSWORD, is_staff=True)
    return settings


def log_in(client, client_ip, password, forwarded=None, username="ed"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=BALANCER,
        HTTP_X_FORWARDED_FOR=forwarded or client_ip,
    )


def fail_until_locked(client, settings, client_ip, forwarded=None):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, client_ip, "wrong", forwarded)


def test_an_attacker_behind_the_balancer_locks_out_only_their_own_address(
    client, behind_a_balancer
):
    attacker, editor = "198.51.100.66", "203.0.113.9"
    fail_until_locked(client, behind_a_balancer, attacker)
    assert log_in(client, attacker, PASSWORD).status_code == 429
    # The editor, through the same balancer, still logs in.
    response = log_in(client, editor, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_an_attacker_cannot_forge_the_editors_address(client, behind_a_balancer):
    attacker, editor = "198.51.100.66", "203.0.113.9"
    # The attacker writes the editor's address; the balancer appends the attacker's.
    fail_until_locked(
        client, behind_a_balancer, attacker, forwarded=f"{editor}, {attacker}"
    )
    assert log_in(client, editor, PASSWORD).status_code == 302


def test_failures_for_one_username_do_not_lock_another_from_that_address(
    client, behind_a_balancer
):
    User.objects.create_user("sam", password=PASSWORD, is_staff=True)
    shared_office = "203.0.113.9"
    fail_until_locked(client, behind_a_balancer, shared_office)
    assert log_in(client, shared_office, PASSWORD, username="sam").status_code == 302
