"""The second factor (TOTP, with recovery codes) that the secretariat and the council prove
when `REQUIRE_2FA` is on: they read confidential agreements, restricted passenger-data
readiness and risk assessments."""

import secrets

from django.conf import settings
from django_otp import devices_for_user, match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.roles import is_council, is_secretariat

RECOVERY_CODES = 10


def required_for(user):
    """Whether the user must prove a second factor to log in or get a token."""
    return (
        bool(settings.REQUIRE_2FA)
        and user.is_authenticated
        and (is_secretariat(user) or is_council(user))
    )


def enrolled(user):
    """Whether the user has a confirmed authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def verify(user, code):
    """The device that accepts the code (an authenticator's, or a recovery code, used once),
    or None."""
    code = (code or "").strip().replace(" ", "")
    if not code:
        return None
    return match_token(user, code)


def start_enrolment(user):
    """An unconfirmed authenticator for the user (the one started before, if any): its secret is
    shown as a QR code and confirmed by a first code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def confirm_enrolment(user, code):
    """Confirm the pending authenticator with a code from it; returns the new recovery codes
    (shown once), or None when the code is wrong."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token((code or "").strip().replace(" ", "")):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save()
    return new_recovery_codes(user)


def new_recovery_codes(user):
    """Ten one-time recovery codes, replacing any before; only their list is returned."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def reset(user):
    """Remove the user's second factor (the secretariat does this for a user who lost it)."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()


def qr_svg(device, user):
    """The authenticator's provisioning URL as an SVG QR code (inline: no image request)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    return svg[svg.index("<svg") :]
