"""API tokens (docs/api.md, "Authentication"): `POST auth/token/` with a username and password
(and `otp` where a second factor is required) answers a new token and its expiry; a user lists
and revokes its own tokens; `logout/` revokes the token used, `logout-all/` every token."""

import logging

from django.contrib.auth import authenticate
from django.contrib.auth import logout as session_logout
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import twofactor
from accounts.models import ApiToken
from core.api.parsers import JSONParser
from core.throttling import LoginRateThrottle

log = logging.getLogger(__name__)


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=256, trim_whitespace=False)
    otp = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20,
        help_text="The code of the user's authenticator app (or a recovery code): the "
        "secretariat's and the council's users, when a second factor is required.",
    )
    name = serializers.CharField(
        required=False, allow_blank=True, max_length=80, help_text="What will use the token."
    )


class NewTokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send it as `Authorization: Token <token>`.")
    expiry = serializers.DateTimeField()
    id = serializers.UUIDField()
    name = serializers.CharField()


class TokenSerializer(serializers.ModelSerializer):
    current = serializers.SerializerMethodField(help_text="The token of this request.")

    class Meta:
        model = ApiToken
        fields = ["id", "name", "created", "expiry", "last_used", "current"]

    def get_current(self, token) -> bool:
        used = self.context["request"].auth
        return isinstance(used, ApiToken) and used.digest == token.digest


def refusal(errors):
    return Response(errors, status=status.HTTP_400_BAD_REQUEST)


class TokenView(APIView):
    """A new API token for a username and password (and the second factor's code where one is
    required). It expires after `API_TOKEN_TTL_DAYS` days. After 10 wrong passwords for a
    username within 15 minutes, 429 until the window passes or the secretariat unlocks it."""

    authentication_classes = []
    permission_classes = [AllowAny]
    # JSON, as documented; form bodies still work for the systems built before.
    parser_classes = [JSONParser, FormParser, MultiPartParser]
    throttle_classes = [LoginRateThrottle]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: NewTokenSerializer,
            429: OpenApiResponse(description="Locked out after repeated failures, or throttled"),
        },
        auth=[],
    )
    def post(self, request):
        payload = TokenRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        django_request = request._request
        user = authenticate(django_request, username=data["username"], password=data["password"])
        if getattr(django_request, "axes_locked_out", False):
            return Response(
                {"detail": "Too many failed logins: this account is locked for a while."},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        # Refusals are answered, not raised: a raised error would roll the request's
        # transaction back, and with it the failed attempt the lockout counts.
        if user is None:
            return refusal({"non_field_errors": ["Unable to log in with these credentials."]})
        if twofactor.required_for(user):
            if not twofactor.enrolled(user):
                return refusal({"otp": ["Enrol an authenticator app on your account page first."]})
            if twofactor.verify(user, data.get("otp")) is None:
                return refusal(
                    {"otp": ["Give the code your authenticator app shows (or a recovery code)."]}
                )
        token, key = ApiToken.objects.create(user=user, name=data.get("name", ""))
        log.info("API token issued to %s", user.get_username())
        return Response({"token": key, "expiry": token.expiry, "id": token.id, "name": token.name})


class TokenListView(APIView):
    """The user's own API tokens (never the tokens themselves: only their digests are kept)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: TokenSerializer(many=True)})
    def get(self, request):
        tokens = ApiToken.objects.filter(user=request.user).order_by("-created")
        return Response(TokenSerializer(tokens, many=True, context={"request": request}).data)


class TokenDetailView(APIView):
    """Revoke one of the user's own tokens."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, token_id):
        deleted, _ = ApiToken.objects.filter(user=request.user, id=token_id).delete()
        if not deleted:
            raise NotFound("You have no such token.")
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutView(APIView):
    """Revoke the token this request used (or end the browser session)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        if isinstance(request.auth, ApiToken):
            request.auth.delete()
        else:
            session_logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutAllView(APIView):
    """Revoke every token of the user (and end the browser session)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        ApiToken.objects.filter(user=request.user).delete()
        if not isinstance(request.auth, ApiToken):
            session_logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)
