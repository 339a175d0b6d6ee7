package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/**
 * 300 tasks, two chunks of the split runner: task i depends on task i - 1, and every third task
 * also on task i / 2.
 */
class ThreeHundredTasks {
  @Task int t0() { return 1; }
  @Task int t1(@DependsOn("t0") int previous) { return previous + 1; }
  @Task int t2(@DependsOn("t1") int previous) { return previous + 1; }
  @Task int t3(@DependsOn("t2") int previous, @DependsOn("t1") int half) { return previous + half; }
  @Task int t4(@DependsOn("t3") int previous) { return previous + 1; }
  @Task int t5(@DependsOn("t4") int previous) { return previous + 1; }
  @Task int t6(@DependsOn("t5") int previous, @DependsOn("t3") int half) { return previous + half; }
  @Task int t7(@DependsOn("t6") int previous) { return previous + 1; }
  @Task int t8(@DependsOn("t7") int previous) { return previous + 1; }
  @Task int t9(@DependsOn("t8") int previous, @DependsOn("t4") int half) { return previous + half; }
  @Task int t10(@DependsOn("t9") int previous) { return previous + 1; }
  @Task int t11(@DependsOn("t10") int previous) { return previous + 1; }
  @Task int t12(@DependsOn("t11") int previous, @DependsOn("t6") int half) { return previous + half; }
  @Task int t13(@DependsOn("t12") int previous) { return previous + 1; }
  @Task int t14(@DependsOn("t13") int previous) { return previous + 1; }
  @Task int t15(@DependsOn("t14") int previous, @DependsOn("t7") int half) { return previous + half; }
  @Task int t16(@DependsOn("t15") int previous) { return previous + 1; }
  @Task int t17(@DependsOn("t16") int previous) { return previous + 1; }
  @Task int t18(@DependsOn("t17") int previous, @DependsOn("t9") int half) { return previous + half; }
  @Task int t19(@DependsOn("t18") int previous) { return previous + 1; }
  @Task int t20(@DependsOn("t19") int previous) { return previous + 1; }
  @Task int t21(@DependsOn("t20") int previous, @DependsOn("t10") int half) { return previous + half; }
  @Task int t22(@DependsOn("t21") int previous) { return previous + 1; }
  @Task int t23(@DependsOn("t22") int previous) { return previous + 1; }
  @Task int t24(@DependsOn("t23") int previous, @DependsOn("t12") int half) { return previous + half; }
  @Task int t25(@DependsOn("t24") int previous) { return previous + 1; }
  @Task int t26(@DependsOn("t25") int previous) { return previous + 1; }
  @Task int t27(@DependsOn("t26") int previous, @DependsOn("t13") int half) { return previous + half; }
  @Task int t28(@DependsOn("t27") int previous) { return previous + 1; }
  @Task int t29(@DependsOn("t28") int previous) { return previous + 1; }
  @Task int t30(@DependsOn("t29") int previous, @DependsOn("t15") int half) { return previous + half; }
  @Task int t31(@DependsOn("t30") int previous) { return previous + 1; }
  @Task int t32(@DependsOn("t31") int previous) { return previous + 1; }
  @Task int t33(@DependsOn("t32") int previous, @DependsOn("t16") int half) { return previous + half; }
  @Task int t34(@DependsOn("t33") int previous) { return previous + 1; }
  @Task int t35(@DependsOn("t34") int previous) { return previous + 1; }
  @Task int t36(@DependsOn("t35") int previous, @DependsOn("t18") int half) { return previous + half; }
  @Task int t37(@DependsOn("t36") int previous) { return previous + 1; }
  @Task int t38(@DependsOn("t37") int previous) { return previous + 1; }
  @Task int t39(@DependsOn("t38") int previous, @DependsOn("t19") int half) { return previous + half; }
  @Task int t40(@DependsOn("t39") int previous) { return previous + 1; }
  @Task int t41(@DependsOn("t40") int previous) { return previous + 1; }
  @Task int t42(@DependsOn("t41") int previous, @DependsOn("t21") int half) { return previous + half; }
  @Task int t43(@DependsOn("t42") int previous) { return previous + 1; }
  @Task int t44(@DependsOn("t43") int previous) { return previous + 1; }
  @Task int t45(@DependsOn("t44") int previous, @DependsOn("t22") int half) { return previous + half; }
  @Task int t46(@DependsOn("t45") int previous) { return previous + 1; }
  @Task int t47(@DependsOn("t46") int previous) { return previous + 1; }
  @Task int t48(@DependsOn("t47") int previous, @DependsOn("t24") int half) { return previous + half; }
  @Task int t49(@DependsOn("t48") int previous) { return previous + 1; }
  @Task int t50(@DependsOn("t49") int previous) { return previous + 1; }
  @Task int t51(@DependsOn("t50") int previous, @DependsOn("t25") int half) { return previous + half; }
  @Task int t52(@DependsOn("t51") int previous) { return previous + 1; }
  @Task int t53(@DependsOn("t52") int previous) { return previous + 1; }
  @Task int t54(@DependsOn("t53") int previous, @DependsOn("t27") int half) { return previous + half; }
  @Task int t55(@DependsOn("t54") int previous) { return previous + 1; }
  @Task int t56(@DependsOn("t55") int previous) { return previous + 1; }
  @Task int t57(@DependsOn("t56") int previous, @DependsOn("t28") int half) { return previous + half; }
  @Task int t58(@DependsOn("t57") int previous) { return previous + 1; }
  @Task int t59(@DependsOn("t58") int previous) { return previous + 1; }
  @Task int t60(@DependsOn("t59") int previous, @DependsOn("t30") int half) { return previous + half; }
  @Task int t61(@DependsOn("t60") int previous) { return previous + 1; }
  @Task int t62(@DependsOn("t61") int previous) { return previous + 1; }
  @Task int t63(@DependsOn("t62") int previous, @DependsOn("t31") int half) { return previous + half; }
  @Task int t64(@DependsOn("t63") int previous) { return previous + 1; }
  @Task int t65(@DependsOn("t64") int previous) { return previous + 1; }
  @Task int t66(@DependsOn("t65") int previous, @DependsOn("t33") int half) { return previous + half; }
  @Task int t67(@DependsOn("t66") int previous) { return previous + 1; }
  @Task int t68(@DependsOn("t67") int previous) { return previous + 1; }
  @Task int t69(@DependsOn("t68") int previous, @DependsOn("t34") int half) { return previous + half; }
  @Task int t70(@DependsOn("t69") int previous) { return previous + 1; }
  @Task int t71(@DependsOn("t70") int previous) { return previous + 1; }
  @Task int t72(@DependsOn("t71") int previous, @DependsOn("t36") int half) { return previous + half; }
  @Task int t73(@DependsOn("t72") int previous) { return previous + 1; }
  @Task int t74(@DependsOn("t73") int previous) { return previous + 1; }
  @Task int t75(@DependsOn("t74") int previous, @DependsOn("t37") int half) { return previous + half; }
  @Task int t76(@DependsOn("t75") int previous) { return previous + 1; }
  @Task int t77(@DependsOn("t76") int previous) { return previous + 1; }
  @Task int t78(@DependsOn("t77") int previous, @DependsOn("t39") int half) { return previous + half; }
  @Task int t79(@DependsOn("t78") int previous) { return previous + 1; }
  @Task int t80(@DependsOn("t79") int previous) { return previous + 1; }
  @Task int t81(@DependsOn("t80") int previous, @DependsOn("t40") int half) { return previous + half; }
  @Task int t82(@DependsOn("t81") int previous) { return previous + 1; }
  @Task int t83(@DependsOn("t82") int previous) { return previous + 1; }
  @Task int t84(@DependsOn("t83") int previous, @DependsOn("t42") int half) { return previous + half; }
  @Task int t85(@DependsOn("t84") int previous) { return previous + 1; }
  @Task int t86(@DependsOn("t85") int previous) { return previous + 1; }
  @Task int t87(@DependsOn("t86") int previous, @DependsOn("t43") int half) { return previous + half; }
  @Task int t88(@DependsOn("t87") int previous) { return previous + 1; }
  @Task int t89(@DependsOn("t88") int previous) { return previous + 1; }
  @Task int t90(@DependsOn("t89") int previous, @DependsOn("t45") int half) { return previous + half; }
  @Task int t91(@DependsOn("t90") int previous) { return previous + 1; }
  @Task int t92(@DependsOn("t91") int previous) { return previous + 1; }
  @Task int t93(@DependsOn("t92") int previous, @DependsOn("t46") int half) { return previous + half; }
  @Task int t94(@DependsOn("t93") int previous) { return previous + 1; }
  @Task int t95(@DependsOn("t94") int previous) { return previous + 1; }
  @Task int t96(@DependsOn("t95") int previous, @DependsOn("t48") int half) { return previous + half; }
  @Task int t97(@DependsOn("t96") int previous) { return previous + 1; }
  @Task int t98(@DependsOn("t97") int previous) { return previous + 1; }
  @Task int t99(@DependsOn("t98") int previous, @DependsOn("t49") int half) { return previous + half; }
  @Task int t100(@DependsOn("t99") int previous) { return previous + 1; }
  @Task int t101(@DependsOn("t100") int previous) { return previous + 1; }
  @Task int t102(@DependsOn("t101") int previous, @DependsOn("t51") int half) { return previous + half; }
  @Task int t103(@DependsOn("t102") int previous) { return previous + 1; }
  @Task int t104(@DependsOn("t103") int previous) { return previous + 1; }
  @Task int t105(@DependsOn("t104") int previous, @DependsOn("t52") int half) { return previous + half; }
  @Task int t106(@DependsOn("t105") int previous) { return previous + 1; }
  @Task int t107(@DependsOn("t106") int previous) { return previous + 1; }
  @Task int t108(@DependsOn("t107") int previous, @DependsOn("t54") int half) { return previous + half; }
  @Task int t109(@DependsOn("t108") int previous) { return previous + 1; }
  @Task int t110(@DependsOn("t109") int previous) { return previous + 1; }
  @Task int t111(@DependsOn("t110") int previous, @DependsOn("t55") int half) { return previous + half; }
  @Task int t112(@DependsOn("t111") int previous) { return previous + 1; }
  @Task int t113(@DependsOn("t112") int previous) { return previous + 1; }
  @Task int t114(@DependsOn("t113") int previous, @DependsOn("t57") int half) { return previous + half; }
  @Task int t115(@DependsOn("t114") int previous) { return previous + 1; }
  @Task int t116(@DependsOn("t115") int previous) { return previous + 1; }
  @Task int t117(@DependsOn("t116") int previous, @DependsOn("t58") int half) { return previous + half; }
  @Task int t118(@DependsOn("t117") int previous) { return previous + 1; }
  @Task int t119(@DependsOn("t118") int previous) { return previous + 1; }
  @Task int t120(@DependsOn("t119") int previous, @DependsOn("t60") int half) { return previous + half; }
  @Task int t121(@DependsOn("t120") int previous) { return previous + 1; }
  @Task int t122(@DependsOn("t121") int previous) { return previous + 1; }
  @Task int t123(@DependsOn("t122") int previous, @DependsOn("t61") int half) { return previous + half; }
  @Task int t124(@DependsOn("t123") int previous) { return previous + 1; }
  @Task int t125(@DependsOn("t124") int previous) { return previous + 1; }
  @Task int t126(@DependsOn("t125") int previous, @DependsOn("t63") int half) { return previous + half; }
  @Task int t127(@DependsOn("t126") int previous) { return previous + 1; }
  @Task int t128(@DependsOn("t127") int previous) { return previous + 1; }
  @Task int t129(@DependsOn("t128") int previous, @DependsOn("t64") int half) { return previous + half; }
  @Task int t130(@DependsOn("t129") int previous) { return previous + 1; }
  @Task int t131(@DependsOn("t130") int previous) { return previous + 1; }
  @Task int t132(@DependsOn("t131") int previous, @DependsOn("t66") int half) { return previous + half; }
  @Task int t133(@DependsOn("t132") int previous) { return previous + 1; }
  @Task int t134(@DependsOn("t133") int previous) { return previous + 1; }
  @Task int t135(@DependsOn("t134") int previous, @DependsOn("t67") int half) { return previous + half; }
  @Task int t136(@DependsOn("t135") int previous) { return previous + 1; }
  @Task int t137(@DependsOn("t136") int previous) { return previous + 1; }
  @Task int t138(@DependsOn("t137") int previous, @DependsOn("t69") int half) { return previous + half; }
  @Task int t139(@DependsOn("t138") int previous) { return previous + 1; }
  @Task int t140(@DependsOn("t139") int previous) { return previous + 1; }
  @Task int t141(@DependsOn("t140") int previous, @DependsOn("t70") int half) { return previous + half; }
  @Task int t142(@DependsOn("t141") int previous) { return previous + 1; }
  @Task int t143(@DependsOn("t142") int previous) { return previous + 1; }
  @Task int t144(@DependsOn("t143") int previous, @DependsOn("t72") int half) { return previous + half; }
  @Task int t145(@DependsOn("t144") int previous) { return previous + 1; }
  @Task int t146(@DependsOn("t145") int previous) { return previous + 1; }
  @Task int t147(@DependsOn("t146") int previous, @DependsOn("t73") int half) { return previous + half; }
  @Task int t148(@DependsOn("t147") int previous) { return previous + 1; }
  @Task int t149(@DependsOn("t148") int previous) { return previous + 1; }
  @Task int t150(@DependsOn("t149") int previous, @DependsOn("t75") int half) { return previous + half; }
  @Task int t151(@DependsOn("t150") int previous) { return previous + 1; }
  @Task int t152(@DependsOn("t151") int previous) { return previous + 1; }
  @Task int t153(@DependsOn("t152") int previous, @DependsOn("t76") int half) { return previous + half; }
  @Task int t154(@DependsOn("t153") int previous) { return previous + 1; }
  @Task int t155(@DependsOn("t154") int previous) { return previous + 1; }
  @Task int t156(@DependsOn("t155") int previous, @DependsOn("t78") int half) { return previous + half; }
  @Task int t157(@DependsOn("t156") int previous) { return previous + 1; }
  @Task int t158(@DependsOn("t157") int previous) { return previous + 1; }
  @Task int t159(@DependsOn("t158") int previous, @DependsOn("t79") int half) { return previous + half; }
  @Task int t160(@DependsOn("t159") int previous) { return previous + 1; }
  @Task int t161(@DependsOn("t160") int previous) { return previous + 1; }
  @Task int t162(@DependsOn("t161") int previous, @DependsOn("t81") int half) { return previous + half; }
  @Task int t163(@DependsOn("t162") int previous) { return previous + 1; }
  @Task int t164(@DependsOn("t163") int previous) { return previous + 1; }
  @Task int t165(@DependsOn("t164") int previous, @DependsOn("t82") int half) { return previous + half; }
  @Task int t166(@DependsOn("t165") int previous) { return previous + 1; }
  @Task int t167(@DependsOn("t166") int previous) { return previous + 1; }
  @Task int t168(@DependsOn("t167") int previous, @DependsOn("t84") int half) { return previous + half; }
  @Task int t169(@DependsOn("t168") int previous) { return previous + 1; }
  @Task int t170(@DependsOn("t169") int previous) { return previous + 1; }
  @Task int t171(@DependsOn("t170") int previous, @DependsOn("t85") int half) { return previous + half; }
  @Task int t172(@DependsOn("t171") int previous) { return previous + 1; }
  @Task int t173(@DependsOn("t172") int previous) { return previous + 1; }
  @Task int t174(@DependsOn("t173") int previous, @DependsOn("t87") int half) { return previous + half; }
  @Task int t175(@DependsOn("t174") int previous) { return previous + 1; }
  @Task int t176(@DependsOn("t175") int previous) { return previous + 1; }
  @Task int t177(@DependsOn("t176") int previous, @DependsOn("t88") int half) { return previous + half; }
  @Task int t178(@DependsOn("t177") int previous) { return previous + 1; }
  @Task int t179(@DependsOn("t178") int previous) { return previous + 1; }
  @Task int t180(@DependsOn("t179") int previous, @DependsOn("t90") int half) { return previous + half; }
  @Task int t181(@DependsOn("t180") int previous) { return previous + 1; }
  @Task int t182(@DependsOn("t181") int previous) { return previous + 1; }
  @Task int t183(@DependsOn("t182") int previous, @DependsOn("t91") int half) { return previous + half; }
  @Task int t184(@DependsOn("t183") int previous) { return previous + 1; }
  @Task int t185(@DependsOn("t184") int previous) { return previous + 1; }
  @Task int t186(@DependsOn("t185") int previous, @DependsOn("t93") int half) { return previous + half; }
  @Task int t187(@DependsOn("t186") int previous) { return previous + 1; }
  @Task int t188(@DependsOn("t187") int previous) { return previous + 1; }
  @Task int t189(@DependsOn("t188") int previous, @DependsOn("t94") int half) { return previous + half; }
  @Task int t190(@DependsOn("t189") int previous) { return previous + 1; }
  @Task int t191(@DependsOn("t190") int previous) { return previous + 1; }
  @Task int t192(@DependsOn("t191") int previous, @DependsOn("t96") int half) { return previous + half; }
  @Task int t193(@DependsOn("t192") int previous) { return previous + 1; }
  @Task int t194(@DependsOn("t193") int previous) { return previous + 1; }
  @Task int t195(@DependsOn("t194") int previous, @DependsOn("t97") int half) { return previous + half; }
  @Task int t196(@DependsOn("t195") int previous) { return previous + 1; }
  @Task int t197(@DependsOn("t196") int previous) { return previous + 1; }
  @Task int t198(@DependsOn("t197") int previous, @DependsOn("t99") int half) { return previous + half; }
  @Task int t199(@DependsOn("t198") int previous) { return previous + 1; }
  @Task int t200(@DependsOn("t199") int previous) { return previous + 1; }
  @Task int t201(@DependsOn("t200") int previous, @DependsOn("t100") int half) { return previous + half; }
  @Task int t202(@DependsOn("t201") int previous) { return previous + 1; }
  @Task int t203(@DependsOn("t202") int previous) { return previous + 1; }
  @Task int t204(@DependsOn("t203") int previous, @DependsOn("t102") int half) { return previous + half; }
  @Task int t205(@DependsOn("t204") int previous) { return previous + 1; }
  @Task int t206(@DependsOn("t205") int previous) { return previous + 1; }
  @Task int t207(@DependsOn("t206") int previous, @DependsOn("t103") int half) { return previous + half; }
  @Task int t208(@DependsOn("t207") int previous) { return previous + 1; }
  @Task int t209(@DependsOn("t208") int previous) { return previous + 1; }
  @Task int t210(@DependsOn("t209") int previous, @DependsOn("t105") int half) { return previous + half; }
  @Task int t211(@DependsOn("t210") int previous) { return previous + 1; }
  @Task int t212(@DependsOn("t211") int previous) { return previous + 1; }
  @Task int t213(@DependsOn("t212") int previous, @DependsOn("t106") int half) { return previous + half; }
  @Task int t214(@DependsOn("t213") int previous) { return previous + 1; }
  @Task int t215(@DependsOn("t214") int previous) { return previous + 1; }
  @Task int t216(@DependsOn("t215") int previous, @DependsOn("t108") int half) { return previous + half; }
  @Task int t217(@DependsOn("t216") int previous) { return previous + 1; }
  @Task int t218(@DependsOn("t217") int previous) { return previous + 1; }
  @Task int t219(@DependsOn("t218") int previous, @DependsOn("t109") int half) { return previous + half; }
  @Task int t220(@DependsOn("t219") int previous) { return previous + 1; }
  @Task int t221(@DependsOn("t220") int previous) { return previous + 1; }
  @Task int t222(@DependsOn("t221") int previous, @DependsOn("t111") int half) { return previous + half; }
  @Task int t223(@DependsOn("t222") int previous) { return previous + 1; }
  @Task int t224(@DependsOn("t223") int previous) { return previous + 1; }
  @Task int t225(@DependsOn("t224") int previous, @DependsOn("t112") int half) { return previous + half; }
  @Task int t226(@DependsOn("t225") int previous) { return previous + 1; }
  @Task int t227(@DependsOn("t226") int previous) { return previous + 1; }
  @Task int t228(@DependsOn("t227") int previous, @DependsOn("t114") int half) { return previous + half; }
  @Task int t229(@DependsOn("t228") int previous) { return previous + 1; }
  @Task int t230(@DependsOn("t229") int previous) { return previous + 1; }
  @Task int t231(@DependsOn("t230") int previous, @DependsOn("t115") int half) { return previous + half; }
  @Task int t232(@DependsOn("t231") int previous) { return previous + 1; }
  @Task int t233(@DependsOn("t232") int previous) { return previous + 1; }
  @Task int t234(@DependsOn("t233") int previous, @DependsOn("t117") int half) { return previous + half; }
  @Task int t235(@DependsOn("t234") int previous) { return previous + 1; }
  @Task int t236(@DependsOn("t235") int previous) { return previous + 1; }
  @Task int t237(@DependsOn("t236") int previous, @DependsOn("t118") int half) { return previous + half; }
  @Task int t238(@DependsOn("t237") int previous) { return previous + 1; }
  @Task int t239(@DependsOn("t238") int previous) { return previous + 1; }
  @Task int t240(@DependsOn("t239") int previous, @DependsOn("t120") int half) { return previous + half; }
  @Task int t241(@DependsOn("t240") int previous) { return previous + 1; }
  @Task int t242(@DependsOn("t241") int previous) { return previous + 1; }
  @Task int t243(@DependsOn("t242") int previous, @DependsOn("t121") int half) { return previous + half; }
  @Task int t244(@DependsOn("t243") int previous) { return previous + 1; }
  @Task int t245(@DependsOn("t244") int previous) { return previous + 1; }
  @Task int t246(@DependsOn("t245") int previous, @DependsOn("t123") int half) { return previous + half; }
  @Task int t247(@DependsOn("t246") int previous) { return previous + 1; }
  @Task int t248(@DependsOn("t247") int previous) { return previous + 1; }
  @Task int t249(@DependsOn("t248") int previous, @DependsOn("t124") int half) { return previous + half; }
  @Task int t250(@DependsOn("t249") int previous) { return previous + 1; }
  @Task int t251(@DependsOn("t250") int previous) { return previous + 1; }
  @Task int t252(@DependsOn("t251") int previous, @DependsOn("t126") int half) { return previous + half; }
  @Task int t253(@DependsOn("t252") int previous) { return previous + 1; }
  @Task int t254(@DependsOn("t253") int previous) { return previous + 1; }
  @Task int t255(@DependsOn("t254") int previous, @DependsOn("t127") int half) { return previous + half; }
  @Task int t256(@DependsOn("t255") int previous) { return previous + 1; }
  @Task int t257(@DependsOn("t256") int previous) { return previous + 1; }
  @Task int t258(@DependsOn("t257") int previous, @DependsOn("t129") int half) { return previous + half; }
  @Task int t259(@DependsOn("t258") int previous) { return previous + 1; }
  @Task int t260(@DependsOn("t259") int previous) { return previous + 1; }
  @Task int t261(@DependsOn("t260") int previous, @DependsOn("t130") int half) { return previous + half; }
  @Task int t262(@DependsOn("t261") int previous) { return previous + 1; }
  @Task int t263(@DependsOn("t262") int previous) { return previous + 1; }
  @Task int t264(@DependsOn("t263") int previous, @DependsOn("t132") int half) { return previous + half; }
  @Task int t265(@DependsOn("t264") int previous) { return previous + 1; }
  @Task int t266(@DependsOn("t265") int previous) { return previous + 1; }
  @Task int t267(@DependsOn("t266") int previous, @DependsOn("t133") int half) { return previous + half; }
  @Task int t268(@DependsOn("t267") int previous) { return previous + 1; }
  @Task int t269(@DependsOn("t268") int previous) { return previous + 1; }
  @Task int t270(@DependsOn("t269") int previous, @DependsOn("t135") int half) { return previous + half; }
  @Task int t271(@DependsOn("t270") int previous) { return previous + 1; }
  @Task int t272(@DependsOn("t271") int previous) { return previous + 1; }
  @Task int t273(@DependsOn("t272") int previous, @DependsOn("t136") int half) { return previous + half; }
  @Task int t274(@DependsOn("t273") int previous) { return previous + 1; }
  @Task int t275(@DependsOn("t274") int previous) { return previous + 1; }
  @Task int t276(@DependsOn("t275") int previous, @DependsOn("t138") int half) { return previous + half; }
  @Task int t277(@DependsOn("t276") int previous) { return previous + 1; }
  @Task int t278(@DependsOn("t277") int previous) { return previous + 1; }
  @Task int t279(@DependsOn("t278") int previous, @DependsOn("t139") int half) { return previous + half; }
  @Task int t280(@DependsOn("t279") int previous) { return previous + 1; }
  @Task int t281(@DependsOn("t280") int previous) { return previous + 1; }
  @Task int t282(@DependsOn("t281") int previous, @DependsOn("t141") int half) { return previous + half; }
  @Task int t283(@DependsOn("t282") int previous) { return previous + 1; }
  @Task int t284(@DependsOn("t283") int previous) { return previous + 1; }
  @Task int t285(@DependsOn("t284") int previous, @DependsOn("t142") int half) { return previous + half; }
  @Task int t286(@DependsOn("t285") int previous) { return previous + 1; }
  @Task int t287(@DependsOn("t286") int previous) { return previous + 1; }
  @Task int t288(@DependsOn("t287") int previous, @DependsOn("t144") int half) { return previous + half; }
  @Task int t289(@DependsOn("t288") int previous) { return previous + 1; }
  @Task int t290(@DependsOn("t289") int previous) { return previous + 1; }
  @Task int t291(@DependsOn("t290") int previous, @DependsOn("t145") int half) { return previous + half; }
  @Task int t292(@DependsOn("t291") int previous) { return previous + 1; }
  @Task int t293(@DependsOn("t292") int previous) { return previous + 1; }
  @Task int t294(@DependsOn("t293") int previous, @DependsOn("t147") int half) { return previous + half; }
  @Task int t295(@DependsOn("t294") int previous) { return previous + 1; }
  @Task int t296(@DependsOn("t295") int previous) { return previous + 1; }
  @Task int t297(@DependsOn("t296") int previous, @DependsOn("t148") int half) { return previous + half; }
  @Task int t298(@DependsOn("t297") int previous) { return previous + 1; }
  @Task int t299(@DependsOn("t298") int previous) { return previous + 1; }
}
