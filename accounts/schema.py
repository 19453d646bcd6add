"""How the API's token authentication reads in the OpenAPI schema (`Authorization: Token
<token>`), so generated clients know to send it."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <token>`, a token from `POST /api/v1/auth/token/`.",
        }
