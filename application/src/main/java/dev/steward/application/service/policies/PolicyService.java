package dev.steward.application.service.policies;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.policies.ManagePoliciesUseCase;
import dev.steward.application.port.out.directory.AttributeRuleSearch;
import dev.steward.application.service.Audit;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.Lookups;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.DomainException;
import dev.steward.domain.PolicyId;
import dev.steward.domain.PrincipalType;
import dev.steward.domain.SubjectSet;
import dev.steward.domain.Task;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Assignment policies: who may request, who approves, how long access lasts. Every user and group a
 * policy names must exist in the directory when the policy is written.
 */
public final class PolicyService extends ServiceBase implements ManagePoliciesUseCase {
  private final AttributeRuleSearch rules;
  private final dev.steward.application.service.PolicyReviews reviews;

  public PolicyService(Essentials essentials) {
    this(essentials, AttributeRuleSearch.NONE);
  }

  /** With a directory that searches users by attribute: automatic policies are accepted. */
  public PolicyService(Essentials essentials, AttributeRuleSearch rules) {
    super(essentials);
    this.rules = rules;
    this.reviews = new dev.steward.application.service.PolicyReviews(audit, ids);
  }

  /** Checks every named user and group against the directory, and the end date against now. */
  private Future<Void> validate(AssignmentPolicy.Settings settings, Instant now) {
    settings
        .attributeRule()
        .ifPresent(
            r -> rules.requireKnownProperties(r.rule(), "specificAllowedTargets.membershipRule"));
    AssignmentPolicy.Expiration expiration = settings.expiration();
    if (expiration.type() == AssignmentPolicy.Expiration.Type.AFTER_DATE_TIME
        && !expiration.endDateTime().isAfter(now)) {
      throw DomainException.invalid(
          "expiration.endDateTime", "'expiration.endDateTime' must be in the future");
    }
    Future<Void> all = Future.succeededFuture();
    for (SubjectSet subject : settings.subjects()) {
      if (subject.principal().isEmpty()) {
        continue;
      }
      PrincipalType wanted =
          subject instanceof SubjectSet.SingleUser ? PrincipalType.USER : PrincipalType.GROUP;
      var lookup = directory.find(subject.principal().get());
      all =
          all.compose(
              ok ->
                  lookup.map(
                      found -> {
                        if (found.filter(p -> p.type() == wanted).isEmpty()) {
                          throw DomainException.notFound(
                              DomainException.Reason.PRINCIPAL_NOT_FOUND,
                              wanted == PrincipalType.USER ? "Directory user" : "Directory group",
                              subject.principal().get().value());
                        }
                        return null;
                      }));
    }
    return all;
  }

  /** Questions written without an id get one. */
  private AssignmentPolicy.Settings withQuestionIds(AssignmentPolicy.Settings s) {
    if (s.questions().stream().allMatch(q -> q.id() != null)) {
      return s;
    }
    return s.withQuestions(
        s.questions().stream().map(q -> q.id() != null ? q : q.withId(ids.newId())).toList());
  }

  @Override
  public Future<AssignmentPolicy> create(RequestContext ctx, PolicyDraft given) {
    Instant now = clock.now();
    PolicyDraft draft = given.withSettings(withQuestionIds(given.settings()));
    return validate(draft.settings(), now)
        .compose(
            ok ->
                transactions.inTransaction(
                    uow ->
                        Lookups.accessPackage(uow, draft.accessPackage(), true)
                            .compose(
                                pkg ->
                                    access
                                        .require(
                                            ctx.actor(),
                                            uow.roleAssignments(),
                                            Task.MANAGE_POLICIES,
                                            pkg.scope())
                                        .map(pkg))
                            .compose(
                                pkg ->
                                    requireExtensions(uow, pkg.catalogId(), draft.settings())
                                        .map(pkg))
                            .compose(
                                pkg -> {
                                  AssignmentPolicy policy =
                                      new AssignmentPolicy(
                                          new PolicyId(ids.newId()),
                                          pkg.id(),
                                          pkg.catalogId(),
                                          draft.displayName(),
                                          draft.description(),
                                          draft.settings(),
                                          now,
                                          now);
                                  return AutomaticPolicies.claim(uow, policy, now)
                                      .compose(claimed -> uow.policies().insert(policy))
                                      .compose(
                                          done ->
                                              audited(
                                                  ctx,
                                                  uow,
                                                  "policy.create",
                                                  "assignmentPolicy",
                                                  policy.id().value(),
                                                  null,
                                                  Audit.snapshot(policy)))
                                      .compose(done -> reviews.follow(ctx, uow, policy, now))
                                      .map(policy);
                                })));
  }

  @Override
  public Future<AssignmentPolicy> get(RequestContext ctx, PolicyId id) {
    return transactions.read(
        uow ->
            Lookups.policy(uow, id)
                .compose(
                    p ->
                        access
                            .require(
                                ctx.actor(), uow.roleAssignments(), Task.VIEW_CATALOG, p.scope())
                            .map(p)));
  }

  @Override
  public Future<Page<AssignmentPolicy>> list(
      RequestContext ctx, Optional<AccessPackageId> accessPackage, String afterId, int limit) {
    return transactions.read(
        uow ->
            access
                .catalogsAllowing(ctx.actor(), uow.roleAssignments(), Task.VIEW_CATALOG)
                .compose(
                    only -> {
                      if (only.map(Set::isEmpty).orElse(false)) {
                        return Future.succeededFuture(List.<AssignmentPolicy>of());
                      }
                      return uow.policies().list(only, accessPackage, afterId, limit + 1);
                    })
                .map(found -> Page.of(found, limit, p -> p.id().value())));
  }

  @Override
  public Future<AssignmentPolicy> replace(RequestContext ctx, PolicyId id, PolicyDraft given) {
    Instant now = clock.now();
    PolicyDraft draft = given.withSettings(withQuestionIds(given.settings()));
    return validate(draft.settings(), now)
        .compose(
            ok ->
                transactions.inTransaction(
                    uow ->
                        Lookups.policy(uow, id)
                            .compose(
                                before -> {
                                  if (draft.accessPackage() != null
                                      && !draft.accessPackage().equals(before.accessPackageId())) {
                                    throw DomainException.invalid(
                                        "accessPackage.id",
                                        "a policy cannot move to another access package");
                                  }
                                  return Lookups.accessPackage(uow, before.accessPackageId(), true)
                                      .compose(
                                          pkg ->
                                              access.require(
                                                  ctx.actor(),
                                                  uow.roleAssignments(),
                                                  Task.MANAGE_POLICIES,
                                                  pkg.scope()))
                                      .compose(
                                          allowed ->
                                              requireExtensions(
                                                  uow, before.catalogId(), draft.settings()))
                                      .compose(
                                          allowed -> {
                                            if (before.displayName().equals(draft.displayName())
                                                && before.description().equals(draft.description())
                                                && before.settings().equals(draft.settings())) {
                                              // Nothing changes, so nothing is written or audited.
                                              return Future.succeededFuture(before);
                                            }
                                            AssignmentPolicy after =
                                                new AssignmentPolicy(
                                                    before.id(),
                                                    before.accessPackageId(),
                                                    before.catalogId(),
                                                    draft.displayName(),
                                                    draft.description(),
                                                    draft.settings(),
                                                    before.createdDateTime(),
                                                    now);
                                            return AutomaticPolicies.claim(uow, after, now)
                                                .compose(x -> uow.policies().update(after))
                                                .compose(
                                                    done ->
                                                        audited(
                                                            ctx,
                                                            uow,
                                                            "policy.update",
                                                            "assignmentPolicy",
                                                            id.value(),
                                                            Audit.snapshot(before),
                                                            Audit.snapshot(after)))
                                                .compose(
                                                    done -> reviews.follow(ctx, uow, after, now))
                                                .map(after);
                                          });
                                })));
  }

  @Override
  public Future<Void> delete(RequestContext ctx, PolicyId id) {
    return transactions.inTransaction(
        uow ->
            Lookups.policy(uow, id)
                .compose(
                    policy ->
                        Lookups.accessPackage(uow, policy.accessPackageId(), true)
                            .compose(
                                pkg ->
                                    access.require(
                                        ctx.actor(),
                                        uow.roleAssignments(),
                                        Task.MANAGE_POLICIES,
                                        pkg.scope()))
                            .compose(ok -> reviews.forget(ctx, uow, id))
                            .compose(ok -> uow.policies().delete(id))
                            .compose(
                                ok ->
                                    audited(
                                        ctx,
                                        uow,
                                        "policy.delete",
                                        "assignmentPolicy",
                                        id.value(),
                                        Audit.snapshot(policy),
                                        null))));
  }

  /**
   * Each extension a policy attaches must be one of its catalog's, of the kind the stage calls
   * (request stages a request workflow extension, the expiry stages an assignment workflow one);
   * one that waits for an answer only where a request can wait.
   */
  private static Future<Void> requireExtensions(
      dev.steward.application.port.out.UnitOfWork uow,
      dev.steward.domain.CatalogId catalog,
      AssignmentPolicy.Settings settings) {
    Future<Void> all = Future.succeededFuture();
    for (var setting : settings.customExtensionStageSettings()) {
      var stage = setting.stage();
      all =
          all.compose(
              ok ->
                  uow.customExtensions()
                      .find(setting.customExtensionId())
                      .map(
                          found -> {
                            var x =
                                found
                                    .filter(e -> e.catalogId().equals(catalog))
                                    .orElseThrow(
                                        () ->
                                            DomainException.invalid(
                                                "customExtensionStageSettings",
                                                "custom extension '"
                                                    + setting.customExtensionId()
                                                    + "' is not in the policy's catalog"));
                            if (x.kind() != stage.kind()) {
                              throw DomainException.invalid(
                                  "customExtensionStageSettings",
                                  stage.apiName() + " calls a " + stage.kind().odataType());
                            }
                            if (x.waits() && !stage.canWait()) {
                              throw DomainException.invalid(
                                  "customExtensionStageSettings",
                                  "only assignmentRequestCreated and assignmentRequestApproved can wait for"
                                      + " an answer;"
                                      + " attach an extension without callbackConfiguration to "
                                      + stage.apiName());
                            }
                            return null;
                          }));
    }
    return all;
  }
}
