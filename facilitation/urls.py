from django.urls import path

from facilitation import views

app_name = "facilitation"

urlpatterns = [
    path("", views.AreaView.as_view(), name="area"),
    # TFA implementation, the WTO's way
    path("implementation/", views.ImplementationView.as_view(), name="implementation"),
    path("matrix/", views.MatrixView.as_view(), name="matrix"),
    path("notifications/", views.NotificationListView.as_view(), name="notification_list"),
    path("notifications/new/", views.NotificationCreateView.as_view(), name="notification_create"),
    path(
        "notifications/<int:pk>/",
        views.NotificationDetailView.as_view(),
        name="notification_detail",
    ),
    path(
        "notifications/<int:pk>/edit/",
        views.NotificationEditView.as_view(),
        name="notification_edit",
    ),
    path(
        "notifications/<int:pk>/<str:action>/",
        views.NotificationTransitionView.as_view(),
        name="notification_transition",
    ),
    # Release-time studies
    path("studies/", views.StudyListView.as_view(), name="study_list"),
    path("studies/new/", views.StudyCreateView.as_view(), name="study_create"),
    path("studies/<int:pk>/", views.StudyDetailView.as_view(), name="study_detail"),
    path("studies/<int:pk>/edit/", views.StudyEditView.as_view(), name="study_edit"),
    path(
        "studies/<int:pk>/<str:action>/",
        views.StudyTransitionView.as_view(),
        name="study_transition",
    ),
    # The E-Commerce Framework of Standards and members' adoption of it
    path("standards/", views.StandardListView.as_view(), name="standard_list"),
    path("standards/new/", views.StandardCreateView.as_view(), name="standard_create"),
    path("standards/<int:pk>/", views.StandardDetailView.as_view(), name="standard_detail"),
    path("standards/<int:pk>/edit/", views.StandardEditView.as_view(), name="standard_edit"),
    path("standards/<int:pk>/revise/", views.StandardReviseView.as_view(), name="standard_revise"),
    path("adoptions/", views.AdoptionListView.as_view(), name="adoption_list"),
    path("adoptions/new/", views.AdoptionCreateView.as_view(), name="adoption_create"),
    path("adoptions/<int:pk>/", views.AdoptionDetailView.as_view(), name="adoption_detail"),
    path("adoptions/<int:pk>/edit/", views.AdoptionEditView.as_view(), name="adoption_edit"),
    path(
        "adoptions/<int:pk>/<str:action>/",
        views.AdoptionTransitionView.as_view(),
        name="adoption_transition",
    ),
    # Joint activities with the WTO and other organisations
    path("activities/", views.ActivityListView.as_view(), name="activity_list"),
    path("activities/new/", views.ActivityCreateView.as_view(), name="activity_create"),
    path("activities/<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("activities/<int:pk>/edit/", views.ActivityEditView.as_view(), name="activity_edit"),
    # Revenue
    path("revenue/", views.RevenueListView.as_view(), name="revenue_list"),
    path("revenue/new/", views.RevenueCreateView.as_view(), name="revenue_create"),
    path("revenue/<int:pk>/", views.RevenueDetailView.as_view(), name="revenue_detail"),
    path("revenue/<int:pk>/edit/", views.RevenueEditView.as_view(), name="revenue_edit"),
    path(
        "revenue/<int:pk>/access/<str:action>/",
        views.RevenueAccessView.as_view(),
        name="revenue_access",
    ),
    path(
        "revenue/<int:pk>/<str:action>/",
        views.RevenueTransitionView.as_view(),
        name="revenue_transition",
    ),
]
