from core.api.routers import api_router

app_name = "core-api"

urlpatterns = api_router("core").urls
